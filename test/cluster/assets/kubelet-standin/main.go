// A stand-in for kubelet under Delve: a Go program (built with -gcflags=all=-N -l) that runs the rig's
// simulated kubelet as its child, so the node stays Ready, and calls relist every half second, the
// function the test sets a breakpoint on.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"time"
)

func relist(n int) int {
	return n + 1
}

func main() {
	cmd := exec.Command("python3", append([]string{"/usr/local/lib/devbox-sim/kubelet.py"}, os.Args[1:]...)...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	go func() {
		for n := 0; ; n = relist(n) {
			time.Sleep(500 * time.Millisecond)
		}
	}()
	if err := cmd.Wait(); err != nil {
		os.Exit(1)
	}
}
