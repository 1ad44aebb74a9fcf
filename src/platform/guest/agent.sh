# devbox guest agent: read by `bash -s` from stdin. It defines functions, then the line
# `__devbox_main; exit $?` reads the rest of stdin as operations, one per line. Every field of an
# operation is data: "b" followed by base64. Nothing from an operation is ever evaluated as shell.
# Each operation prints one JSON line; text in it is base64, so no escaping can go wrong.
set -u
umask 022
export LC_ALL=C
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

__devbox_backups=/var/backups/devbox

__devbox_b64a='ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

# Decodes one field into the variable named by $1, keeping trailing newlines. Short fields (paths,
# arguments) are decoded in bash itself: a base64 process per field would cost a fork each, and a
# batch has dozens of fields. Every byte becomes a \xHH escape for printf %b, so no byte of the
# value is ever interpreted.
__devbox_field() {
  local __s=${2#b} __o='' __k __n __x __t __v0 __v1 __v2 __v3
  if (( ${#__s} > 160 )); then
    __o=$(printf '%s' "$__s" | base64 -d && printf x) || return 1
    printf -v "$1" '%s' "${__o%x}"
    return 0
  fi
  (( ${#__s} % 4 == 0 )) || return 1
  for ((__k = 0; __k < ${#__s}; __k += 4)); do
    __t=${__devbox_b64a%%"${__s:__k:1}"*}; __v0=${#__t}
    __t=${__devbox_b64a%%"${__s:__k+1:1}"*}; __v1=${#__t}
    __t=${__devbox_b64a%%"${__s:__k+2:1}"*}; __v2=${#__t}
    __t=${__devbox_b64a%%"${__s:__k+3:1}"*}; __v3=${#__t}
    (( __v0 < 64 && __v1 < 64 )) || return 1
    __n=$(( __v0 << 18 | __v1 << 12 | (__v2 & 63) << 6 | (__v3 & 63) ))
    if (( __v2 == 64 )); then printf -v __x '\\x%02x' $(( __n >> 16 ))
    elif (( __v3 == 64 )); then printf -v __x '\\x%02x\\x%02x' $(( __n >> 16 )) $(( __n >> 8 & 255 ))
    else printf -v __x '\\x%02x\\x%02x\\x%02x' $(( __n >> 16 )) $(( __n >> 8 & 255 )) $(( __n & 255 )); fi
    __o+=$__x
  done
  printf -v "$1" '%b' "$__o"
}

# Prints a captured output as base64; an empty one (most stderr) costs no process. Not for /proc
# files, whose size reads as 0.
__devbox_b64out() { if [ -s "$1" ]; then base64 -w0 <"$1"; fi; }

__devbox_fail() { # index message
  printf '{"i":%s,"code":1,"error":"%s"}\n' "$1" "$(printf '%s' "$2" | base64 -w0)"
}

# Keeps the first original of a file we change, under /var/backups/devbox/<path>; never overwrites it.
__devbox_backup_once() {
  local path=$1 dest
  dest="$__devbox_backups$path"
  if [ ! -e "$path" ] && [ ! -L "$path" ]; then return 0; fi
  if [ -e "$dest" ] || [ -L "$dest" ]; then return 0; fi
  mkdir -p -- "${dest%/*}" || return 1
  cp -a --no-dereference -- "$path" "$dest.devbox-tmp.$$" && mv -fT -- "$dest.devbox-tmp.$$" "$dest"
}

__devbox_op_read() { # index path
  local i=$1 path kind=missing mode="" uid="" gid="" target="" readable=false immutable=false attrs=""
  __devbox_field path "$2" || { __devbox_fail "$i" "bad field"; return; }
  if [ -L "$path" ]; then
    kind=symlink
    # $(…) drops readlink's newline; encoding that, not readlink's raw output, keeps the target exact.
    target=$(readlink -- "$path") && target=$(printf '%s' "$target" | base64 -w0)
    if [ -f "$path" ] && [ -r "$path" ]; then readable=true; fi
  elif [ -f "$path" ]; then
    kind=file
    [ -r "$path" ] || { __devbox_fail "$i" "cannot read $path"; return; }
    readable=true
    # /proc and /sys have no file attributes; elsewhere lsattr tells whether chattr +i is set.
    case "$path" in
      /proc/* | /sys/*) ;;
      *) if command -v lsattr >/dev/null 2>&1 && lsattr -d -- "$path" >"$__devbox_tmp/attr" 2>/dev/null; then read -r attrs _ <"$__devbox_tmp/attr"; fi ;;
    esac
    case "$attrs" in *i*) immutable=true ;; esac
  elif [ -d "$path" ]; then
    kind=dir
  elif [ -e "$path" ]; then
    kind=other
  fi
  # Through temporary files and printed piecewise: a $(…) or <(…) would fork a subshell each.
  if [ "$kind" != missing ] && stat -c '%a %u %g' -- "$path" >"$__devbox_tmp/stat" 2>/dev/null; then
    read -r mode uid gid <"$__devbox_tmp/stat"
  fi
  printf '{"i":%s,"code":0,"kind":"%s","mode":"%s","uid":"%s","gid":"%s","immutable":%s,"target":"%s","content":"' \
    "$i" "$kind" "$mode" "$uid" "$gid" "$immutable" "$target"
  if [ "$readable" = true ]; then base64 -w0 <"$path"; fi
  printf '"}\n'
}

__devbox_op_run() { # index stdin argv...
  local i=$1 input arg code
  local -a argv=()
  __devbox_field input "$2" || { __devbox_fail "$i" "bad field"; return; }
  shift 2
  for arg in "$@"; do
    __devbox_field arg "$arg" || { __devbox_fail "$i" "bad field"; return; }
    argv+=("$arg")
  done
  printf '%s' "$input" >"$__devbox_tmp/in"
  # fd 3 is the progress channel (apt's -o APT::Status-Fd=3): the agent's own stderr, read live.
  "${argv[@]}" <"$__devbox_tmp/in" 3>&2 >"$__devbox_tmp/out" 2>"$__devbox_tmp/err"
  code=$?
  # Printed piecewise rather than through $(…): each substitution would fork a subshell.
  printf '{"i":%s,"code":%s,"out":"' "$i" "$code"
  __devbox_b64out "$__devbox_tmp/out"
  printf '","err":"'
  __devbox_b64out "$__devbox_tmp/err"
  printf '"}\n'
}

# Writes a whole file atomically: a temp file beside it, fsync, rename. Keeps owner and mode of the
# file it replaces unless a mode is given; replaces a symlink with a regular file.
__devbox_op_write() { # index path mode content
  local i=$1 path mode dir tmp
  __devbox_field path "$2" && __devbox_field mode "$3" || { __devbox_fail "$i" "bad field"; return; }
  dir=${path%/*}; dir=${dir:-/}
  mkdir -p -- "$dir" || { __devbox_fail "$i" "cannot create directory $dir"; return; }
  __devbox_backup_once "$path" || { __devbox_fail "$i" "cannot back up $path to $__devbox_backups$path"; return; }
  tmp="$dir/.${path##*/}.devbox-tmp"
  rm -f -- "$tmp"
  printf '%s' "${4#b}" | base64 -d >"$tmp" || { rm -f -- "$tmp"; __devbox_fail "$i" "cannot write $tmp"; return; }
  if [ -f "$path" ] && [ ! -L "$path" ]; then
    chmod --reference="$path" -- "$tmp" 2>/dev/null
    chown --reference="$path" -- "$tmp" 2>/dev/null
  fi
  if [ -n "$mode" ]; then chmod "$mode" -- "$tmp" || { rm -f -- "$tmp"; __devbox_fail "$i" "bad mode $mode"; return; }; fi
  sync -- "$tmp" 2>/dev/null
  if ! mv -fT -- "$tmp" "$path" 2>"$__devbox_tmp/err"; then
    rm -f -- "$tmp"
    __devbox_fail "$i" "cannot replace $path: $(cat "$__devbox_tmp/err")"
    return
  fi
  sync -- "$dir" 2>/dev/null
  printf '{"i":%s,"code":0}\n' "$i"
}

__devbox_op_remove() { # index path
  local i=$1 path
  __devbox_field path "$2" || { __devbox_fail "$i" "bad field"; return; }
  if [ -e "$path" ] || [ -L "$path" ]; then
    __devbox_backup_once "$path" || { __devbox_fail "$i" "cannot back up $path"; return; }
    rm -f -- "$path" 2>"$__devbox_tmp/err" || { __devbox_fail "$i" "cannot remove $path: $(cat "$__devbox_tmp/err")"; return; }
  fi
  printf '{"i":%s,"code":0}\n' "$i"
}

__devbox_main() {
  local line i=0
  local -a fields
  __devbox_tmp=$(mktemp -d) || { printf '{"fatal":"cannot create a temporary directory"}\n'; return 70; }
  trap 'rm -rf -- "$__devbox_tmp"' EXIT
  printf '{"hello":"devbox-agent","uid":%s}\n' "$(id -u)"
  while IFS= read -r line; do
    read -r -a fields <<<"$line"
    case "${fields[0]:-}" in
      read) __devbox_op_read "$i" "${fields[1]:-b}" </dev/null ;;
      run) __devbox_op_run "$i" "${fields[@]:1}" </dev/null ;;
      write) __devbox_op_write "$i" "${fields[1]:-b}" "${fields[2]:-b}" "${fields[3]:-b}" </dev/null ;;
      remove) __devbox_op_remove "$i" "${fields[1]:-b}" </dev/null ;;
      end) break ;;
      *) __devbox_fail "$i" "unknown operation" ;;
    esac
    i=$((i + 1))
  done
  return 0
}
