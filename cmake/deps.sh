#!/bin/sh
# deps.sh - installs the Debian packages archeck needs to build and test,
# only those missing.  Sourced by run.sh and test.sh.
ARC_PACKAGES="gcc cmake make pkg-config libyaml-dev libpcre2-dev libcsv-dev check libxml2-dev libzip-dev libopencc-dev libopencc-data libpoppler-glib-dev"
# Only the tests need these: the SARIF schema check (jsonschema, npm to
# fetch the official schema); python3-docx (Word fixtures); LibreOffice
# makes the PDF, .doc, .odt and .rtf fixtures (Writer, and Noto CJK so that
# Chinese text has glyphs) and reads annotated copies back (with lxml); the
# Debian package is built, installed and removed (dpkg-dev for
# dpkg-shlibdeps, man-db, desktop-file-utils).
ARC_TEST_PACKAGES="python3 python3-jsonschema python3-docx python3-lxml npm libreoffice-writer-nogui fonts-noto-cjk dpkg-dev man-db desktop-file-utils"

arc_install_deps() {
  missing=""
  for p in $ARC_PACKAGES ${1:-}; do
    # npm may come with the machine's own Node.js rather than Debian's.
    [ "$p" = npm ] && command -v npm >/dev/null 2>&1 && continue
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
      missing="$missing $p"
  done
  [ -z "$missing" ] && return 0
  echo "安装缺少的软件包：$missing"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || {
      echo "需要 root 权限安装：$missing（请用 root 运行或安装 sudo）" >&2
      return 1
    }
    sudo=sudo
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq &&
    $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# arc_build DIR [cmake options...]: configures and builds into DIR.
arc_build() {
  dir=$1
  shift
  cmake -S . -B "$dir" "$@" >/dev/null &&
    cmake --build "$dir" -j"$(nproc 2>/dev/null || echo 2)"
}

# arc_build_tool DIR: configures DIR and builds only the archeck program
# (run.sh runs no tests, so it builds none).
arc_build_tool() {
  cmake -S . -B "$1" >/dev/null &&
    cmake --build "$1" -j"$(nproc 2>/dev/null || echo 2)" --target archeck
}

# arc_fetch_sarif_schema FILE: the official SARIF 2.1.0 JSON schema, as the
# npm package @microsoft/jest-sarif ships it (not kept in this repository).
arc_fetch_sarif_schema() {
  [ -s "$1" ] && return 0
  dir=$(mktemp -d)
  (cd "$dir" && npm pack --silent @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null &&
    tar xzf ./*.tgz package/lib/schemas/sarif-2.1.0-rtm.5.json) &&
    mkdir -p "$(dirname "$1")" &&
    cp "$dir/package/lib/schemas/sarif-2.1.0-rtm.5.json" "$1"
  status=$?
  rm -rf "$dir"
  return $status
}
