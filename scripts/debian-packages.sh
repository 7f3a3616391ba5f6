# Sourced by test.sh and bench/run.sh.
# install_packages ME WHAT PACKAGE...: installs the Debian packages named (as root, or with sudo that asks
# no password) or, when this user may not, says which ones to ask an administrator for and fails.
install_packages() {
  local me=$1 what=$2 sudo
  shift 2
  [ $# -gt 0 ] || return 0
  if [ "$(id -u)" -eq 0 ]; then sudo=""; elif sudo -n true 2>/dev/null; then sudo="sudo -n"; else sudo="none"; fi
  if [ "$sudo" = "none" ]; then
    echo "$me: $what needs these Debian packages, and this user cannot install them: $*" >&2
    echo "$me: ask an administrator: apt-get install $*" >&2
    return 1
  fi
  echo "$me: installing Debian packages $what needs: $*"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
