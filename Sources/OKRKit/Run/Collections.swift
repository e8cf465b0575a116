extension RandomAccessCollection {
    /// The first index whose element is in the second part of a collection partitioned by `isSecond` (every element
    /// for which it is false comes before every one for which it is true): a binary search, O(log n).
    func partitionPoint(where isSecond: (Element) -> Bool) -> Index {
        var lo = startIndex
        var count = self.count
        while count > 0 {
            let half = count / 2
            let mid = index(lo, offsetBy: half)
            if isSecond(self[mid]) {
                count = half
            } else {
                lo = index(after: mid)
                count -= half + 1
            }
        }
        return lo
    }
}
