#!/bin/sh
# manpage.sh ARCHECK - the man page (docs/archeck.1) describes every long
# option of `archeck --help` and formats without errors; the bash
# completion offers every option, every output format and the rule ids of
# the help and rule set it finds; the desktop entry is valid and its
# wrapper (packaging/archeck-desktop) checks the chosen files, writes an
# annotated copy and opens it (this archeck has no html format) or the
# listing.
set -u
archeck=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
opts=$("$archeck" --help | grep -o -- '--[a-z][a-z-]*' | sort -u)
[ -n "$opts" ] || { echo "no options in --help"; exit 1; }
page=$(sed 's/\\-/-/g' docs/archeck.1)
for o in $opts; do
  case $page in *"$o"*) ;; *) echo "docs/archeck.1 lacks $o"; fail=1 ;; esac
done
for s in "EXIT STATUS" "FILES" "EXAMPLES"; do
  grep -q "^\.SH $s" docs/archeck.1 || { echo "docs/archeck.1 lacks $s"; fail=1; }
done
if command -v groff >/dev/null 2>&1; then
  # Warnings about breaking Chinese lines are layout, not errors.
  LC_ALL=C.UTF-8 groff -man -Tutf8 -K utf8 -z docs/archeck.1 2>"$tmp/groff" ||
    { echo "groff failed"; fail=1; }
  grep -v "break line\|adjust line" "$tmp/groff" && { echo "groff complains"; fail=1; }
fi

if command -v bash >/dev/null 2>&1; then
  complete_words() { # complete_words WORD... : COMPREPLY for the last word
    bash -c '. packaging/archeck.bash-completion
      COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _archeck
      printf "%s\n" "${COMPREPLY[@]}"' complete "$@"
  }
  got=$(complete_words "$archeck" --)
  for o in $opts; do
    echo "$got" | grep -qx -- "$o" || { echo "completion lacks $o"; fail=1; }
  done
  got=$(complete_words "$archeck" -f "")
  for f in $("$archeck" --help | sed -n 's/.*-o 的格式：\(.*\)（默认.*/\1/p' | tr '、' ' '); do
    echo "$got" | grep -qx "$f" || { echo "completion lacks format $f"; fail=1; }
  done
  got=$(complete_words "$archeck" --explain year.)
  [ "$got" = year.mismatch ] || { echo "--explain year. completes to: $got"; fail=1; }
fi

if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate packaging/archeck.desktop || fail=1
fi
grep -q '^Exec=archeck-desktop %F$' packaging/archeck.desktop || { echo "Exec"; fail=1; }
for t in wordprocessingml.document application/msword wps-office.wps \
         application/pdf application/ofd text/plain; do
  grep -q "^MimeType=.*$t" packaging/archeck.desktop || { echo "MimeType lacks $t"; fail=1; }
done
printf '#!/bin/sh\necho "$1" >>"%s/opened"\n' "$tmp" >"$tmp/open"
chmod +x "$tmp/open"
mkdir "$tmp/home"
HOME=$tmp/home ARCHECK=$archeck ARCHECK_OPEN=$tmp/open \
  sh packaging/archeck-desktop samples/placeholder.txt
[ $? -eq 1 ] || { echo "the wrapper should pass archeck's status (1)"; fail=1; }
sleep 1
copy=$(find "$tmp/home/archeck-检查结果" -name placeholder.docx)
[ -n "$copy" ] || { echo "the wrapper wrote no annotated copy"; fail=1; }
# The review report when this archeck writes html, else the copy.
if "$archeck" --help | grep -- '-o 的格式' | grep -q html; then
  want=$(find "$tmp/home/archeck-检查结果" -name '检查结果.html')
else
  want=$copy
fi
[ -n "$want" ] && grep -qx "$want" "$tmp/opened" 2>/dev/null ||
  { echo "the wrapper did not open ${want:-its result}"; fail=1; }
exit $fail
