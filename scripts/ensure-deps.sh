#!/usr/bin/env bash
# Installs what the demo and the tests need, only when missing, so later runs are quick:
# Debian packages (Orthanc + DICOMweb, dcmtk, GDCM tools, Chromium, PostgreSQL 15, nginx) and
# npm dependencies. PostgreSQL and nginx are started by the stack itself (dev/stack/postgres.ts,
# dev/stack/nginx.ts) in its own folders and ports: the system services the packages bring
# are stopped and disabled right after they are installed here.
set -euo pipefail
cd "$(dirname "$0")/.."

need_node_major=20
need_node_minor=19
node_version=$(node -p 'process.versions.node' 2>/dev/null || echo 0.0.0)
IFS=. read -r major minor _ <<<"$node_version"
if (( major < need_node_major || (major == need_node_major && minor < need_node_minor) )); then
  echo "Node.js >= ${need_node_major}.${need_node_minor} is needed (found ${node_version})." >&2
  exit 1
fi

missing=()
[ -x /usr/sbin/Orthanc ] || missing+=(orthanc)
[ -f /usr/share/orthanc/plugins/libOrthancDicomWeb.so ] || missing+=(orthanc-dicomweb)
command -v dcmcjpls >/dev/null || missing+=(dcmtk)
command -v gdcmconv >/dev/null || missing+=(libgdcm-tools)
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql-15)
[ -x /usr/sbin/nginx ] || missing+=(nginx)

if (( ${#missing[@]} > 0 )); then
  echo "Installing Debian packages: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "Run as root or install sudo to install: ${missing[*]}" >&2; exit 1; }
    SUDO=sudo
  fi
  $SUDO apt-get update -qq
  # Never orthanc-gdcm: with it Orthanc crashes on JPEG-LS frame requests.
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  # The packages may start a system cluster on 5432 and a web server on 80: never used.
  for pkg in "${missing[@]}"; do
    case "$pkg" in
      postgresql-15)
        $SUDO pg_ctlcluster 15 main stop 2>/dev/null || true
        $SUDO systemctl disable postgresql 2>/dev/null || true
        echo "Stopped the system PostgreSQL cluster the package started (the stack runs its own)." ;;
      nginx)
        $SUDO systemctl disable --now nginx 2>/dev/null || $SUDO service nginx stop 2>/dev/null || true
        echo "Stopped the system nginx the package started (the stack runs its own)." ;;
    esac
  done
fi

# npm ci only when the lock file changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi
