#!/usr/bin/env python3
"""make_hostile.py DIR - writes the hostile files of the .doc/.odt/.rtf
readers for tests/e2e/hostile-files into DIR (tests/fixtures/hostile):

  encrypted.docx    what Word saves for a password-protected .docx: an OLE2
                    compound file holding EncryptionInfo and EncryptedPackage
  excel.doc         an OLE2 file holding a Workbook stream (an .xls renamed)
  spreadsheet.odt   an OpenDocument spreadsheet renamed .odt
  nesting.rtf       groups nested 10,000 deep

Run it again after changing it; the files are committed."""
import os
import struct
import sys
import zipfile

FREESECT, ENDOFCHAIN, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def cfb(streams):
    """A version 3 compound file; every stream (under 4096 bytes) in the
    mini stream.  Sectors: 0 FAT, 1 directory, 2 mini FAT, 3... mini
    stream."""
    assert len(streams) <= 3
    mini, mfat, starts = b"", [], []
    for _, data in streams:
        k = (len(data) + 63) // 64
        starts.append(len(mfat) if k else ENDOFCHAIN)
        mfat += [len(mfat) + j + 1 if j + 1 < k else ENDOFCHAIN for j in range(k)]
        mini += data + b"\0" * (k * 64 - len(data))
    nmini = (len(mini) + 511) // 512
    fat = [FATSECT, ENDOFCHAIN, ENDOFCHAIN]
    fat += [3 + j + 1 if j + 1 < nmini else ENDOFCHAIN for j in range(nmini)]
    fat += [FREESECT] * (128 - len(fat))
    header = (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 16 +
              struct.pack("<HHHHH6xIIIIIIIII", 0x3E, 3, 0xFFFE, 9, 6, 0, 1, 1, 0,
                          4096, 2, 1, ENDOFCHAIN, 0))
    header += struct.pack("<I", 0) + struct.pack("<I", FREESECT) * 108

    def entry(name, kind, right, child, start, size):
        n = name.encode("utf-16-le")
        return (n + b"\0" * (64 - len(n)) +
                struct.pack("<HBBIII16sIQQII", len(n) + 2, kind, 1, NOSTREAM, right,
                            child, b"\0" * 16, 0, 0, 0, start, size) + b"\0" * 4)

    d = entry("Root Entry", 5, NOSTREAM, 1 if streams else NOSTREAM,
              3 if nmini else ENDOFCHAIN, len(mini))
    for i, (name, data) in enumerate(streams):
        d += entry(name, 2, i + 2 if i + 1 < len(streams) else NOSTREAM, NOSTREAM,
                   starts[i], len(data))
    d += (b"\0" * 64 + struct.pack("<HBBIII", 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM)
          + b"\0" * 48) * (4 - 1 - len(streams))
    out = header + struct.pack("<128I", *fat) + d
    out += struct.pack("<128I", *(mfat + [FREESECT] * (128 - len(mfat))))
    return out + mini + b"\0" * (nmini * 512 - len(mini))


def main():
    out = sys.argv[1]
    with open(os.path.join(out, "encrypted.docx"), "wb") as f:
        f.write(cfb([("EncryptionInfo", b"\x04\x00\x04\x00\x40\x00\x00\x00" + b"\0" * 56),
                     ("EncryptedPackage", struct.pack("<Q", 900) + bytes(range(56)))]))
    with open(os.path.join(out, "excel.doc"), "wb") as f:
        f.write(cfb([("Workbook", b"\x09\x08\x10\x00\x00\x06\x05\x00" + b"\0" * 24)]))
    with zipfile.ZipFile(os.path.join(out, "spreadsheet.odt"), "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", '<?xml version="1.0"?><office:document-content '
                   'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>')
    with open(os.path.join(out, "nesting.rtf"), "w") as f:
        f.write("{\\rtf1 " + "{" * 10000 + "x" + "}" * 10001)


if __name__ == "__main__":
    main()
