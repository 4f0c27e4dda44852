#!/usr/bin/env python3
"""Duplicate strings in a heap dump, by the field that holds the extra copies.

Usage: bench/heap-duplicate-strings.py HEAP.hprof [TOP]   (a dump from `jcmd PID GC.heap_dump`, or HEAP_DUMPS=1
bench/e2e.sh). For every string content held by more than one String object, every copy but the most referenced
is "excess" and is charged to the first field (class.field) or array type found referring to it. Reads the whole
dump into memory (about the dump's size); a 230 MB dump takes ~15 s.
"""
import collections
import struct
import sys

BASIC = {2: None, 4: 1, 5: 2, 6: 4, 7: 8, 8: 1, 9: 2, 10: 4, 11: 8}  # 2 (object) is the id size


def main(path, top):
    data = open(path, 'rb').read()
    i = data.index(b'\0') + 1
    idsz = struct.unpack('>I', data[i:i + 4])[0]
    i += 12
    fmt = '>Q' if idsz == 8 else '>I'
    size = dict(BASIC)
    size[2] = idsz

    def rid(p):
        return struct.unpack(fmt, data[p:p + idsz])[0]

    def u4(p):
        return struct.unpack('>I', data[p:p + 4])[0]

    def u2(p):
        return struct.unpack('>H', data[p:p + 2])[0]

    names, class_name_id, classes = {}, {}, {}
    byte_arrays, instances, object_arrays = {}, [], []
    while i < len(data):
        tag, length = data[i], u4(i + 5)
        body, end = i + 9, i + 9 + length
        i = end
        if tag == 0x01:  # UTF8 name
            names[rid(body)] = data[body + idsz:end].decode('utf8', 'replace')
        elif tag == 0x02:  # LOAD CLASS
            class_name_id[rid(body + 4)] = rid(body + 8 + idsz)
        elif tag in (0x0c, 0x1c):  # HEAP DUMP (SEGMENT)
            p = body
            while p < end:
                sub = data[p]
                p += 1
                if sub == 0xff or sub in (0x05, 0x07):
                    p += idsz
                elif sub == 0x01:
                    p += 2 * idsz
                elif sub in (0x02, 0x03, 0x08):
                    p += idsz + 8
                elif sub in (0x04, 0x06):
                    p += idsz + 4
                elif sub == 0x20:  # CLASS DUMP
                    cid, sup = rid(p), rid(p + idsz + 4)
                    p += idsz + 4 + 6 * idsz + 4
                    n = u2(p)
                    p += 2
                    for _ in range(n):  # constant pool
                        p += 2
                        p += 1 + size[data[p]]
                    n = u2(p)
                    p += 2
                    for _ in range(n):  # static fields
                        p += idsz
                        p += 1 + size[data[p]]
                    n = u2(p)
                    p += 2
                    fields = []
                    for _ in range(n):
                        fields.append((rid(p), data[p + idsz]))
                        p += idsz + 1
                    classes[cid] = (sup, fields)
                elif sub == 0x21:  # INSTANCE DUMP
                    oid, cid, n = rid(p), rid(p + idsz + 4), u4(p + 2 * idsz + 4)
                    q = p + 2 * idsz + 8
                    instances.append((oid, cid, q))
                    p = q + n
                elif sub == 0x22:  # OBJECT ARRAY DUMP
                    oid, n, ecid = rid(p), u4(p + idsz + 4), rid(p + idsz + 8)
                    q = p + 2 * idsz + 8
                    object_arrays.append((ecid, q, n))
                    p = q + n * idsz
                elif sub == 0x23:  # PRIMITIVE ARRAY DUMP
                    oid, n, t = rid(p), u4(p + idsz + 4), data[p + idsz + 8]
                    p += idsz + 9
                    if t == 8:
                        byte_arrays[oid] = data[p:p + n]
                    p += n * size[t]
                else:
                    raise SystemExit('unknown heap dump record 0x%x at offset %d' % (sub, p))

    def cname(cid):
        return names.get(class_name_id.get(cid), '?').replace('/', '.')

    layouts = {}

    def layout(cid):
        if cid not in layouts:
            out, c = [], cid
            while c:
                sup, fields = classes[c]
                out += [(names.get(n, '?'), t) for n, t in fields]
                c = sup
            layouts[cid] = out
        return layouts[cid]

    string_class = next(c for c in classes if cname(c) == 'java.lang.String')
    value_offset = 0
    for n, t in layout(string_class):
        if n == 'value':
            break
        value_offset += size[t]
    strings = {}
    for oid, cid, q in instances:
        if cid == string_class:
            strings[oid] = byte_arrays.get(rid(q + value_offset))
    counts = collections.Counter(v for v in strings.values() if v is not None)
    duplicated = {v for v, c in counts.items() if c > 1}

    referrers = collections.defaultdict(list)
    for oid, cid, q in instances:
        if cid == string_class:
            continue
        off = 0
        for n, t in layout(cid):
            if t == 2:
                r = rid(q + off)
                if strings.get(r) in duplicated:
                    referrers[r].append(cname(cid) + '.' + n)
            off += size[t]
    for ecid, q, n in object_arrays:
        for k in range(n):
            r = rid(q + k * idsz)
            if strings.get(r) in duplicated:
                referrers[r].append('array of ' + cname(ecid))

    copies = collections.defaultdict(list)
    for sid, v in strings.items():
        if v in duplicated:
            copies[v].append(sid)
    excess_bytes, excess_count, total = collections.Counter(), collections.Counter(), 0
    for v, sids in copies.items():
        sids.sort(key=lambda s: -len(referrers.get(s, ())))
        for s in sids[1:]:
            owner = (referrers.get(s) or ['(no field: a local or the string table)'])[0]
            cost = len(v) + 16 + 24  # array header + bytes, String object (64-bit, compressed oops)
            excess_bytes[owner] += cost
            excess_count[owner] += 1
            total += cost
    print('strings %d, distinct contents %d, excess copies %.1f MB' % (len(strings), len(counts), total / 1e6))
    for owner, b in excess_bytes.most_common(top):
        print('%10.2f MB %9d  %s' % (b / 1e6, excess_count[owner], owner))


if __name__ == '__main__':
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 30)
