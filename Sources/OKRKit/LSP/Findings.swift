/// The findings of an open buffer in the order they are reported, without a copy of the lists they come from: the
/// syntax errors stay in the buffer's tree (`Document.syntaxDiagnostics`), the document rules' findings in their
/// cache, and this keeps references to those arrays (each sorted) with the findings across files, merging them as
/// it is read. A buffer where every line is a finding so holds each finding once, not once per cache. A document
/// with suppression comments has its list finished (`Linter.finish` removes findings and adds unused-suppression
/// ones), which is then the one list kept.
struct Findings: Sendable {
    /// Reported before the others (a broken config), in this order.
    private let head: [Diagnostic]
    /// Each sorted by `Diagnostic.ordered`.
    let lists: [[Diagnostic]]
    let count: Int

    /// `lists` must each be sorted (`isSorted`).
    init(head: [Diagnostic] = [], sorted lists: [[Diagnostic]]) {
        self.head = head
        self.lists = lists.filter { !$0.isEmpty }
        count = head.count + lists.reduce(0) { $0 + $1.count }
    }

    static func isSorted(_ list: [Diagnostic]) -> Bool {
        var i = 1
        while i < list.count {
            if Diagnostic.ordered(list[i], list[i - 1]) { return false }
            i += 1
        }
        return true
    }

    /// Calls `body` with each finding in order (and its index).
    func forEach(_ body: (Int, Diagnostic) throws -> Void) rethrows {
        var n = 0
        for d in head { try body(n, d); n += 1 }
        switch lists.count {
        case 0: return
        case 1:
            for d in lists[0] { try body(n, d); n += 1 }
        default:
            // A merge of a few lists: the next finding is the least of their heads.
            var at = [Int](repeating: 0, count: lists.count)
            while true {
                var best = -1
                for k in 0..<lists.count where at[k] < lists[k].count {
                    if best < 0 || Diagnostic.ordered(lists[k][at[k]], lists[best][at[best]]) { best = k }
                }
                guard best >= 0 else { return }
                try body(n, lists[best][at[best]])
                n += 1
                at[best] += 1
            }
        }
    }

    /// Every finding, in order, as one array (a copy: for tests and small lists).
    var array: [Diagnostic] {
        var out: [Diagnostic] = []
        out.reserveCapacity(count)
        forEach { out.append($1) }
        return out
    }

}
