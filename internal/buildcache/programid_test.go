package buildcache

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
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
