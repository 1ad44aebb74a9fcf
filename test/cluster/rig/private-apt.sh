# Sourced by fetch-deb.sh and build-rc93.sh. private_apt DIR SOURCES: an apt configuration of its own in DIR
# (state, cache, sources list, an empty dpkg status: the machine's apt is never touched), exported as
# APT_CONFIG, its lists updated when SOURCES changed or are older than 24 h (DIR/state/updated is the stamp).
private_apt() {
  local apt=$1 sources=$2
  mkdir -p "$apt/state/lists/partial" "$apt/cache/archives/partial" "$apt/parts" "$apt/prefs"
  : >>"$apt/state/status"
  cat >"$apt/apt.conf" <<CONF
Dir::State "$apt/state";
Dir::State::status "$apt/state/status";
Dir::Cache "$apt/cache";
Dir::Etc::sourcelist "$apt/sources.list";
Dir::Etc::sourceparts "$apt/parts";
Dir::Etc::preferencesparts "$apt/prefs";
Dir::Etc::preferences "$apt/prefs/none";
APT::Sandbox::User "root";
APT::Architecture "$(dpkg --print-architecture)";
Acquire::Languages "none";
CONF
  export APT_CONFIG=$apt/apt.conf
  if [ "$sources" != "$(cat "$apt/sources.list" 2>/dev/null)" ] || [ -z "$(find "$apt/state/updated" -mmin -1440 2>/dev/null)" ]; then
    printf '%s\n' "$sources" >"$apt/sources.list"
    apt-get update -qq -o APT::Update::Error-Mode=any >"$apt/update.log" 2>&1 || { tail -20 "$apt/update.log" >&2; return 1; }
    touch "$apt/state/updated"
  fi
}
