package buildcache

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestProgramIDAfterReplace (review round 6 F1): ProgramID is the id of
// the running program even when its file has been replaced (renamed over,
// as go install, install(1) or a package upgrade do) between its start and
// its first Open; otherwise the old program's renderings would land in the
// new program's directory and every later build with the new lpg would
// take them. The child here is this test binary, copied; it prints
// ProgramID once the parent has swapped its file.
func TestProgramIDAfterReplace(t *testing.T) {
	if os.Getenv("LPG_PROGRAMID_CHILD") == "1" {
		bufio.NewReader(os.Stdin).ReadString('\n') // wait for the swap
		id, err := ProgramID()
		fmt.Printf("id=%s err=%v\n", id, err)
		return
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(self)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	exe := filepath.Join(dir, "lpg")
	if err := os.WriteFile(exe, b, 0o755); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	want := hex.EncodeToString(sum[:])[:32]

	cmd := exec.Command(exe, "-test.run=^TestProgramIDAfterReplace$")
	cmd.Env = append(os.Environ(), "LPG_PROGRAMID_CHILD=1")
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	cmd.Stdout = &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// The upgrade: another program renamed over the running one's path.
	next := filepath.Join(dir, "lpg.new")
	if err := os.WriteFile(next, append(b, 'x'), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(next, exe); err != nil {
		t.Fatal(err)
	}
	in.Write([]byte("go\n"))
	in.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "id="+want+" ") {
		t.Errorf("the running program's id is %s; after its file was replaced ProgramID said %q", want, strings.TrimSpace(strings.Split(out.String(), "\n")[0]))
	}
}

// TestOpenRefusesOpenDirectory (review round 7 R3): a program directory
// that stays open to other users after Open tried to make it 0700 (it
// belongs to another user) is not used. A test running as one user
// cannot make chmod fail on its own directory, so it checks the rule,
// closedToOthers, on a 0700 and a 0755 directory.
func TestOpenRefusesOpenDirectory(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix permissions")
	}
	dir := filepath.Join(t.TempDir(), "p")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := closedToOthers(dir); err != nil {
		t.Errorf("0700: %v", err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	want := "缓存目录 " + dir + " 其他用户也能进入，而且改不成只有本人可用（0700；它属于别的用户？）：内部版会把住户信息存在这里，所以不用它。请删掉它，或用 --cache 换一个只有本人能写的目录"
	if err := closedToOthers(dir); err == nil || err.Error() != want {
		t.Errorf("0755: %v, want %q", err, want)
	}
}
