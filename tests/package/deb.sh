#!/bin/sh
# deb.sh SOURCE_DIR - the Debian package: built with cpack in a scratch
# build directory, installed with dpkg -i, used (archeck --version, a
# check with the installed rule set, man -w archeck, archeck --explain,
# the desktop entry validated), then removed with dpkg -r, leaving none
# of its files.  Needs root, dpkg-deb and dpkg-shlibdeps (dpkg-dev); skips
# (77) without them, or when an archeck package is installed already (it
# is not replaced).
set -u
src=$(cd "$1" && pwd)
[ "$(id -u)" -eq 0 ] || { echo "not root: skipped"; exit 77; }
for t in dpkg-deb dpkg-shlibdeps cpack; do
  command -v $t >/dev/null 2>&1 || { echo "$t missing: skipped"; exit 77; }
done
if dpkg-query -W -f='${Status}' archeck 2>/dev/null | grep -q "install ok"; then
  echo "an archeck package is installed already: skipped"
  exit 77
fi
tmp=$(mktemp -d)
installed=0
cleanup() {
  [ $installed -eq 1 ] && dpkg -r archeck >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT
fail=0
cd "$tmp" || exit 1
cmake -S "$src" -B build -DARC_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_INSTALL_PREFIX=/usr >/dev/null || exit 1
cmake --build build -j2 >/dev/null || exit 1
(cd build && cpack -G DEB >cpack.log 2>&1) || { cat build/cpack.log; exit 1; }
deb=$(ls build/archeck_*.deb 2>/dev/null)
[ -n "$deb" ] || { echo "no .deb"; exit 1; }
echo "built $(basename "$deb")"

depends=$(dpkg-deb -f "$deb" Depends)
for lib in libyaml libpcre2-8 libxml2 libzip libopencc libcsv libopencc-data; do
  case $depends in *"$lib"*) ;; *) echo "Depends lacks $lib: $depends"; fail=1 ;; esac
done
contents=$(dpkg-deb -c "$deb")
for f in ./usr/bin/archeck ./usr/bin/archeck-desktop \
         ./usr/share/archeck/rules/annual-report.yaml \
         ./usr/share/man/man1/archeck.1 \
         ./usr/share/bash-completion/completions/archeck \
         ./usr/share/applications/archeck.desktop; do
  echo "$contents" | grep -q " $f\$" || { echo "package lacks $f"; fail=1; }
done

dpkg -i "$deb" >/dev/null || { echo "dpkg -i failed"; exit 1; }
installed=1
[ "$(/usr/bin/archeck --version)" = "archeck $(sed -n 's/^project(archeck VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")" ] ||
  { echo "archeck --version: $(/usr/bin/archeck --version)"; fail=1; }
# The installed rule set, from anywhere.
(cd / && /usr/bin/archeck --no-config -q -f text -o - "$src/samples/year-mismatch.txt") |
  grep -q year.mismatch || { echo "the installed archeck did not check"; fail=1; }
man -w archeck | grep -q '/usr/share/man/man1/archeck.1' || { echo "man -w archeck"; fail=1; }
/usr/bin/archeck --explain year.mismatch | grep -q "第二十五条" ||
  { echo "archeck --explain from the package"; fail=1; }
if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate /usr/share/applications/archeck.desktop || fail=1
fi
[ -x /usr/bin/archeck-desktop ] || { echo "no archeck-desktop"; fail=1; }

dpkg -r archeck >/dev/null || { echo "dpkg -r failed"; fail=1; }
installed=0
for f in /usr/bin/archeck /usr/bin/archeck-desktop /usr/share/archeck \
         /usr/share/man/man1/archeck.1 /usr/share/applications/archeck.desktop \
         /usr/share/bash-completion/completions/archeck; do
  [ -e "$f" ] && { echo "$f left after dpkg -r"; fail=1; }
done
exit $fail
