package render

import (
	"bufio"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"syscall"
	"testing"
)

// helperEnv makes the test binary act as a build that blocks half-way
// through writing its site (so the test can kill it): its value is the
// output directory.
const helperEnv = "LPG_RENDER_BLOCKED_BUILD"

func TestMain(m *testing.M) {
	if dir := os.Getenv(helperEnv); dir != "" {
		blockedBuild(dir)
	}
	os.Exit(m.Run())
}

// blockedBuild writes a site to dir, prints "writing" once the first file
// is on disk and then waits for ever inside the second write.
func blockedBuild(dir string) {
	n := 0
	err := Write(dir, map[string][]byte{"a.html": []byte("killed"), "b.html": []byte("killed")}, func(name string, data []byte, perm fs.FileMode) error {
		if n++; n == 2 {
			os.Stdout.WriteString("writing\n")
			select {}
		}
		return os.WriteFile(name, data, perm)
	})
	os.Stderr.WriteString("blocked build returned: " + err.Error() + "\n")
	os.Exit(3)
}

// names lists dir, temporary-name numbers replaced by N.
func names(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	num := regexp.MustCompile(`tmp-[0-9]+`)
	var out []string
	for _, e := range es {
		out = append(out, num.ReplaceAllString(e.Name(), "tmp-N"))
	}
	sort.Strings(out)
	return out
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestWriteRemovesKilledBuilds (issue 10, hole 8): a build killed while
// writing leaves .site.tmp-N and its lock file; an older lpg (or a kill
// between the two renames of the swap) leaves .site.tmp-N.old. The next
// build removes all of them, but not the folder of a build that is still
// running on the same output directory, which then finishes normally.
func TestWriteRemovesKilledBuilds(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "site")
	writeTree(t, dir, map[string]string{"index.html": "v0"})

	// A build that is running (in this process), blocked in its first write.
	blocked, resume, done := make(chan bool), make(chan bool), make(chan error)
	go func() {
		first := true
		done <- Write(dir, map[string][]byte{"index.html": []byte("live")}, func(name string, data []byte, perm fs.FileMode) error {
			if first {
				first = false
				blocked <- true
				<-resume
			}
			return os.WriteFile(name, data, perm)
		})
	}()
	<-blocked

	// A build that is killed half-way.
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if line, err := bufio.NewReader(out).ReadString('\n'); err != nil || line != "writing\n" {
		t.Fatalf("helper said %q, %v", line, err)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()

	// An older lpg, or a kill between the two renames of the swap.
	writeTree(t, filepath.Join(parent, ".site.tmp-7.old"), map[string]string{"index.html": "moved aside"})

	want := []string{".site.tmp-N", ".site.tmp-N", ".site.tmp-N.lock", ".site.tmp-N.lock", ".site.tmp-N.old", "site"}
	if got := names(t, parent); !equal(got, want) {
		t.Fatalf("before the next build: %v, want %v", got, want)
	}
	if err := Write(dir, map[string][]byte{"index.html": []byte("v1")}, nil); err != nil {
		t.Fatal(err)
	}
	assertTree(t, dir, map[string]string{"index.html": "v1"})
	if got, want := names(t, parent), []string{".site.tmp-N", ".site.tmp-N.lock", "site"}; !equal(got, want) {
		t.Fatalf("after the next build: %v, want %v (only the running build's folder left)", got, want)
	}
	close(resume)
	if err := <-done; err != nil {
		t.Fatalf("the running build failed: %v", err)
	}
	assertTree(t, dir, map[string]string{"index.html": "live"})
	assertOnly(t, parent, "site")
}

// TestWriteDiskFull: a full disk while writing the new tree fails with the
// system error (errors.Is syscall.ENOSPC) naming the file of the output
// directory, leaves the old site as it was and removes the temporary
// directory and lock.
func TestWriteDiskFull(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "site")
	writeTree(t, dir, map[string]string{"index.html": "old"})
	n := 0
	err := Write(dir, map[string][]byte{"a.html": []byte("a"), "b/c.html": []byte("c"), "d.html": []byte("d")},
		func(name string, data []byte, perm fs.FileMode) error {
			if n++; n == 2 {
				return &fs.PathError{Op: "write", Path: name, Err: syscall.ENOSPC}
			}
			return os.WriteFile(name, data, perm)
		})
	var pe *fs.PathError
	if !errors.Is(err, syscall.ENOSPC) || !errors.As(err, &pe) || pe.Path != filepath.Join(dir, "b", "c.html") || pe.Op != "write" {
		t.Fatalf("err = %v, want ENOSPC writing %s", err, filepath.Join(dir, "b", "c.html"))
	}
	assertTree(t, dir, map[string]string{"index.html": "old"})
	assertOnly(t, parent, "site")
}
