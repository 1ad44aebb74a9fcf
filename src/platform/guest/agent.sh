# devbox guest agent: read by `bash -s` from stdin. It defines functions, then the line
# `__devbox_main; exit $?` reads the rest of stdin as operations, one per line. Every field of an
# operation is data: "b" followed by base64. Nothing from an operation is ever evaluated as shell.
# Each operation prints one JSON line; text in it is base64, so no escaping can go wrong.
set -u
umask 022
export LC_ALL=C
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

__devbox_backups=/var/backups/devbox

# Decodes one field into the variable named by $1, keeping trailing newlines.
__devbox_field() {
  local __v
  __v=$(printf '%s' "${2#b}" | base64 -d && printf x) || return 1
  printf -v "$1" '%s' "${__v%x}"
}

__devbox_b64file() { base64 -w0 <"$1"; }

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
  local i=$1 path kind=missing mode="" uid="" gid="" target="" content="" immutable=false attrs
  __devbox_field path "$2" || { __devbox_fail "$i" "bad field"; return; }
  if [ -L "$path" ]; then
    kind=symlink
    # $(…) drops readlink's newline; encoding that, not readlink's raw output, keeps the target exact.
    target=$(readlink -- "$path") && target=$(printf '%s' "$target" | base64 -w0)
    if [ -f "$path" ] && [ -r "$path" ]; then content=$(__devbox_b64file "$path"); fi
  elif [ -f "$path" ]; then
    kind=file
    content=$(__devbox_b64file "$path") || { __devbox_fail "$i" "cannot read $path"; return; }
    if command -v lsattr >/dev/null 2>&1 && attrs=$(lsattr -d -- "$path" 2>/dev/null); then
      case "${attrs%% *}" in *i*) immutable=true ;; esac
    fi
  elif [ -d "$path" ]; then
    kind=dir
  elif [ -e "$path" ]; then
    kind=other
  fi
  if [ "$kind" != missing ]; then
    read -r mode uid gid < <(stat -c '%a %u %g' -- "$path")
  fi
  printf '{"i":%s,"code":0,"kind":"%s","mode":"%s","uid":"%s","gid":"%s","immutable":%s,"target":"%s","content":"%s"}\n' \
    "$i" "$kind" "$mode" "$uid" "$gid" "$immutable" "$target" "$content"
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
  "${argv[@]}" <"$__devbox_tmp/in" >"$__devbox_tmp/out" 2>"$__devbox_tmp/err"
  code=$?
  printf '{"i":%s,"code":%s,"out":"%s","err":"%s"}\n' "$i" "$code" "$(__devbox_b64file "$__devbox_tmp/out")" "$(__devbox_b64file "$__devbox_tmp/err")"
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
