/**
 * The fixed programs the diagnosis runs in the distro, as text passed to an interpreter's `-e`/`-c`
 * (never built from values: a node or cluster name reaches them as argv). Perl, because perl-base is
 * Essential in Debian and Ubuntu, and it has fcntl(): F_GETPIPE_SZ (1032, include/uapi/linux/fcntl.h)
 * cannot be asked from bash, and python3 is not always there.
 *
 * The scanner reads /proc of the distro's PID namespace, which sees every kind node's processes (the
 * nodes are containers of that Docker). It prints one JSON object; see `scan.ts` for its shape.
 */

/** Processes whose open files are listed (with pipe sizes): runc's stages and containerd's shims. */
const scanner = String.raw`
use strict; use warnings; use POSIX (); use Fcntl qw(O_RDONLY O_NONBLOCK);
my $tck = POSIX::sysconf(POSIX::_SC_CLK_TCK()) || 100;
sub slurp { my ($p, $max) = @_; open(my $f, '<', $p) or return undef; local $/; my $s = <$f>; close $f;
  $s = substr($s, 0, $max) if defined $s && $max && length($s) > $max; return $s; }
sub js { my $s = shift; return 'null' unless defined $s; $s =~ s/(["\\])/\\$1/g;
  $s =~ s/([\x00-\x1f\x7f])/sprintf("\\u%04x", ord $1)/ge; return '"' . $s . '"'; }
sub num { my $v = shift; return defined $v && $v =~ /^-?\d+$/ ? $v : 'null'; }
sub pipesz { my $p = shift; sysopen(my $f, $p, O_RDONLY | O_NONBLOCK) or return undef;
  my $r = fcntl($f, 1032, 0); close $f; return defined $r ? $r + 0 : undef; }
my ($up) = split ' ', (slurp('/proc/uptime') // '0');
my %sys;
for my $k (qw(pipe-user-pages-soft pipe-user-pages-hard pipe-max-size)) {
  my $v = slurp("/proc/sys/fs/$k"); chomp $v if defined $v; $sys{$k} = $v; }
my @out;
opendir(my $d, '/proc') or die "cannot read /proc: $!";
for my $pid (sort { $a <=> $b } grep { /^\d+$/ } readdir $d) {
  my $stat = slurp("/proc/$pid/stat") // next;
  $stat =~ /^\d+ \((.*)\) (\S) (-?\d+)(?: \S+){17} (\d+)/s or next;
  my ($comm, $state, $ppid, $start) = ($1, $2, $3, $4);
  next if $pid == 2 || $ppid == 2;
  my $cmd = slurp("/proc/$pid/cmdline", 1024) // '';
  my @argv = split /\0/, $cmd;
  my $wchan = slurp("/proc/$pid/wchan"); $wchan = undef if defined $wchan && $wchan eq '0';
  my $exe = readlink("/proc/$pid/exe");
  my $status = slurp("/proc/$pid/status") // '';
  my ($nspid) = $status =~ /^NSpid:\s*(.*)$/m;
  my $pidns = readlink("/proc/$pid/ns/pid");
  my ($unit) = (slurp("/proc/$pid/cgroup", 8192) // '') =~ m{/([^/\n]+\.service)(?:/[^\n]*)?$}m;
  my $age = $up - $start / $tck; $age = 0 if $age < 0;
  my $j = '{"pid":' . $pid . ',"ppid":' . $ppid . ',"comm":' . js($comm) . ',"state":' . js($state)
    . ',"start":' . $start . ',"ageSec":' . sprintf('%.1f', $age) . ',"wchan":' . js($wchan)
    . ',"exe":' . js($exe) . ',"pidns":' . js($pidns) . ',"nspid":' . js($nspid) . ',"unit":' . js($unit)
    . ',"argv":[' . join(',', map { js($_) } @argv) . ']';
  my $runcish = $comm =~ /^runc/ || (@argv && $argv[0] =~ m{(^|/)runc$});
  my $shim = $comm =~ /^containerd-shim/;
  if ($runcish || $shim) {
    my @fds;
    if (opendir(my $fd, "/proc/$pid/fd")) {
      for my $n (sort { $a <=> $b } grep { /^\d+$/ } readdir $fd) {
        my $t = readlink("/proc/$pid/fd/$n") // next;
        next if $shim && $t !~ /^pipe:/;
        my $sz = $t =~ /^pipe:/ ? pipesz("/proc/$pid/fd/$n") : undef;
        push @fds, '{"fd":' . $n . ',"target":' . js($t) . ',"pipeSize":' . num($sz) . '}';
      }
      closedir $fd;
    }
    $j .= ',"fds":[' . join(',', @fds) . ']';
  }
  if ($shim) {
    my $cwd = readlink("/proc/$pid/cwd");
    $j .= ',"cwd":' . js($cwd) . ',"runtime":' . js(slurp("/proc/$pid/cwd/runtime", 4096))
      . ',"options":' . js(slurp("/proc/$pid/cwd/options.json", 4096));
  }
  push @out, $j . '}';
}
closedir $d;
print '{"uptime":' . $up . ',"clkTck":' . $tck . ',"self":' . $$ . ',"selfPidns":' . js(readlink('/proc/self/ns/pid'))
  . ',"userns":' . js(readlink('/proc/self/ns/user'))
  . ',"sysctl":{"pipeUserPagesSoft":' . num($sys{'pipe-user-pages-soft'})
  . ',"pipeUserPagesHard":' . num($sys{'pipe-user-pages-hard'}) . ',"pipeMaxSize":' . num($sys{'pipe-max-size'})
  . '},"procs":[' . join(",\n", @out) . "]}\n";
`;

/**
 * The pipe canary: one pipe made by a root process without CAP_SYS_RESOURCE/CAP_SYS_ADMIN, as runc
 * init is after it drops capabilities. 65536 bytes: root is under fs.pipe-user-pages-soft; 8192 (4096
 * on kernels before 5.14 / 5.4.140) means root is over it and every such new pipe is shrunk
 * (kind-runc.md §1.2-1.3; Linux fs/pipe.c too_many_pipe_buffers_soft).
 */
const canary = String.raw`pipe(my $r, my $w) or die "pipe: $!"; my $s = fcntl($w, 1032, 0); print defined $s ? $s + 0 : -1, "\n";`;

/**
 * Lists the cluster's node containers and asks each, in one `docker exec`, for what only the node
 * knows: the runc containerd runs (its BinaryName, else PATH), that runc's --version, sha256 and
 * Debian package, kubelet's PLEG lines, and the Node objects (from the first node whose kubeconfig
 * answers). Sections are separated by marker lines so one node's broken tool cannot hide the rest.
 * argv: $1 = the cluster name, $2 = the node script below.
 */
const cluster = String.raw`
name=$1; node_script=$2
tmp=$(mktemp -d) || exit 1; trap 'rm -rf "$tmp"' EXIT
docker ps --filter "label=io.x-k8s.kind.cluster=$name" --format '{{.Names}}' >"$tmp/nodes" 2>"$tmp/err" || {
  echo "@@docker-error"; cat "$tmp/err"; exit 0; }
while IFS= read -r node; do
  [ -n "$node" ] || continue
  pid=$(docker inspect --format '{{.State.Pid}}' "$node" 2>/dev/null)
  role=$(docker inspect --format '{{index .Config.Labels "io.x-k8s.kind.role"}}' "$node" 2>/dev/null)
  echo "@@node $node $pid $role"
  docker exec "$node" bash -c "$node_script" 2>&1 </dev/null
done <"$tmp/nodes"
echo "@@end"
`;

/** Runs inside one node (kind nodes have bash, systemd, containerd and kubectl). */
const node = String.raw`
export LC_ALL=C
bin=$(containerd config dump 2>/dev/null | sed -n 's/^[[:space:]]*BinaryName[[:space:]]*=[[:space:]]*"\(.*\)"/\1/p' | head -n1)
[ -n "$bin" ] || bin=$(command -v runc)
echo "@@runc-path $bin"
if [ -n "$bin" ]; then
  echo "@@runc-version"; "$bin" --version 2>&1 | head -n 6
  echo "@@runc-sha256 $(sha256sum "$bin" 2>/dev/null | cut -d' ' -f1)"
  real=$(readlink -f "$bin")
  pkg=$(dpkg-query -S "$real" 2>/dev/null | head -n1 | cut -d: -f1)
  [ -n "$pkg" ] && echo "@@runc-package $pkg $(dpkg-query -W -f='$'"{Version}" "$pkg" 2>/dev/null)"
fi
echo "@@kubelet-log"
journalctl -u kubelet --no-pager -o cat --since "-15 min" 2>/dev/null | grep -E 'PLEG is not healthy|[Ss]kipping pod synchronization' | tail -n 3
echo "@@nodes"
for kc in /etc/kubernetes/admin.conf /etc/kubernetes/kubelet.conf; do
  [ -r "$kc" ] || continue
  kubectl --kubeconfig "$kc" --request-timeout=5s get nodes -o jsonpath='{range .items[*]}{.metadata.name}{"\t"}{.status.conditions[?(@.type=="Ready")].status}{"\t"}{.status.conditions[?(@.type=="Ready")].reason}{"\t"}{.status.conditions[?(@.type=="Ready")].message}{"\n"}{end}' 2>/dev/null && break
done
echo "@@done"
`;

/**
 * Ends stuck runc inits, each only if the pid still is the same process (its start time in clock
 * ticks since boot) and still a runc init stage: a pid reused meanwhile is left alone. argv: pid:start…
 */
const ender = String.raw`
for my $a (@ARGV) { my ($pid, $start) = split /:/, $a;
  open(my $f, '<', "/proc/$pid/stat") or do { print "$pid gone\n"; next };
  my $s = <$f>; close $f;
  if ($s =~ /^\d+ \((runc:\[[12]:(?:INIT|CHILD)\])\) \S -?\d+(?: \S+){17} (\d+)/ && $2 eq $start) {
    print kill('KILL', $pid) ? "$pid killed\n" : "$pid failed $!\n"; } else { print "$pid changed\n"; } }
`;

export const diagnoseScripts = { scanner, canary, cluster, node, ender } as const;
