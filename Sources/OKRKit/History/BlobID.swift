/// Git's name for a file's contents: the SHA-1 of `blob <size>\0` followed by the bytes, in hexadecimal (what
/// `git hash-object` prints). The history reader uses it to tell which committed versions of a file are exactly the
/// file being checked, so their contents need not be fetched or parsed again. SHA-1 is used here as git uses it, to
/// name contents, not to protect anything. (A repository using SHA-256 names never matches: every version is then
/// fetched, which is slower but the same answer.)
enum BlobID {
    static func of(_ bytes: [UInt8]) -> String {
        var state = SHA1()
        let header = Array("blob \(bytes.count)".utf8) + [0]
        header.withUnsafeBytes { state.update($0) }
        bytes.withUnsafeBytes { state.update($0) }
        return state.hexDigest()
    }
}

/// SHA-1 (FIPS 180-4), streaming: whole 64-byte blocks are read in place, only a partial block is copied.
struct SHA1 {
    private var h: (UInt32, UInt32, UInt32, UInt32, UInt32) = (0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0)
    private var pending: [UInt8] = []
    private var length: UInt64 = 0

    mutating func update(_ data: UnsafeRawBufferPointer) {
        guard data.count > 0 else { return }
        length &+= UInt64(data.count)
        var offset = 0
        if !pending.isEmpty {
            let take = min(64 - pending.count, data.count)
            pending.append(contentsOf: data[0..<take])
            offset = take
            guard pending.count == 64 else { return }
            pending.withUnsafeBytes { compress($0.baseAddress!) }
            pending.removeAll(keepingCapacity: true)
        }
        while data.count - offset >= 64 {
            compress(data.baseAddress! + offset)
            offset += 64
        }
        if offset < data.count { pending.append(contentsOf: data[offset...]) }
    }

    mutating func hexDigest() -> String {
        var tail = pending
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        let bits = length &* 8
        for s in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bits >> UInt64(s))) }
        tail.withUnsafeBytes { raw in
            for n in 0..<(raw.count / 64) { compress(raw.baseAddress! + n * 64) }
        }
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(40)
        for word in [h.0, h.1, h.2, h.3, h.4] {
            for s in stride(from: 28, through: 0, by: -4) { out.append(digits[Int(word >> UInt32(s) & 0xF)]) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always) private static func rotl(_ x: UInt32, _ n: UInt32) -> UInt32 { x << n | x >> (32 - n) }

    private mutating func compress(_ block: UnsafeRawPointer) {
        var w: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32,
                UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var (a, b, c, d, e) = h
        withUnsafeMutableBytes(of: &w) { raw in
            let ws = raw.bindMemory(to: UInt32.self)
            for t in 0..<16 { ws[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 4 * t, as: UInt32.self)) }
            @inline(__always) func word(_ t: Int) -> UInt32 {
                if t < 16 { return ws[t] }
                let x = SHA1.rotl(ws[(t - 3) & 15] ^ ws[(t - 8) & 15] ^ ws[(t - 14) & 15] ^ ws[t & 15], 1)
                ws[t & 15] = x
                return x
            }
            // Four rounds of twenty, each with its own function and constant.
            for t in 0..<20 {
                let temp = SHA1.rotl(a, 5) &+ ((b & c) | (~b & d)) &+ e &+ 0x5A82_7999 &+ word(t)
                e = d; d = c; c = SHA1.rotl(b, 30); b = a; a = temp
            }
            for t in 20..<40 {
                let temp = SHA1.rotl(a, 5) &+ (b ^ c ^ d) &+ e &+ 0x6ED9_EBA1 &+ word(t)
                e = d; d = c; c = SHA1.rotl(b, 30); b = a; a = temp
            }
            for t in 40..<60 {
                let temp = SHA1.rotl(a, 5) &+ ((b & c) | (b & d) | (c & d)) &+ e &+ 0x8F1B_BCDC &+ word(t)
                e = d; d = c; c = SHA1.rotl(b, 30); b = a; a = temp
            }
            for t in 60..<80 {
                let temp = SHA1.rotl(a, 5) &+ (b ^ c ^ d) &+ e &+ 0xCA62_C1D6 &+ word(t)
                e = d; d = c; c = SHA1.rotl(b, 30); b = a; a = temp
            }
        }
        h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e)
    }
}
