//go:build unix

package buildcache

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// asOtherUser makes every directory look like another user's (euid) for
// the rest of the test.
func asOtherUser(t *testing.T) {
	t.Helper()
	euid = func() int { return os.Geteuid() + 1 }
	t.Cleanup(func() { euid = os.Geteuid })
}

// TestForeignDirectories (review round 9): a program directory of another
// user is neither changed nor used, also when lpg runs as root (whose
// chmod would succeed): closeKept leaves another program's alone,
// markUsed does not close or mark the running program's, and Open refuses
// it.
func TestForeignDirectories(t *testing.T) {
	root := t.TempDir()
	for _, id := range []string{idA, idCur} {
		if err := os.MkdirAll(filepath.Join(root, id, "ab"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(filepath.Join(root, id), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	asOtherUser(t)
	if err := closeKept(filepath.Join(root, idA)); err != nil {
		t.Errorf("closeKept: %v", err)
	}
	dir := filepath.Join(root, idCur)
	err := markUsed(dir, now)
	if want := dir + " 属于别的用户，未改它的权限，也不用它；请删掉它，或用 --cache 换一个只有本人能写的目录"; err == nil || err.Error() != want {
		t.Errorf("markUsed: %v, want %q", err, want)
	}
	want := "缓存目录 " + dir + " 属于别的用户：内部版会把住户信息存在这里，所以不用它。请删掉它，或用 --cache 换一个只有本人能写的目录"
	if err := closedToOthers(dir); err == nil || err.Error() != want {
		t.Errorf("closedToOthers: %v, want %q", err, want)
	}
	for _, id := range []string{idA, idCur} {
		if m, err := lmode(filepath.Join(root, id)); err != nil || m != 0o755 {
			t.Errorf("%s: %v, %v; want it left 0755", id, m, err)
		}
	}
	if _, err := os.Lstat(filepath.Join(dir, usedFile)); !os.IsNotExist(err) {
		t.Errorf("markUsed marked another user's directory: %v", err)
	}
}

// TestCloseThroughLinks: closeKept and markUsed never change a directory
// reached through a symbolic link (they open the path with O_NOFOLLOW, so
// a link swapped in after a check is not followed either).
func TestCloseThroughLinks(t *testing.T) {
	root, target := t.TempDir(), t.TempDir()
	if err := os.Chmod(target, 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(root, idA)
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := closeKept(link); err != nil {
		t.Errorf("closeKept: %v", err)
	}
	err := markUsed(link, now)
	if err == nil || !strings.Contains(err.Error(), "不是目录（是符号链接？），未改它的权限") {
		t.Errorf("markUsed through a link: %v", err)
	}
	if m, err := lmode(target); err != nil || m != 0o755 {
		t.Errorf("the link's target: %v, %v; want it left 0755", m, err)
	}
	if _, err := os.Lstat(filepath.Join(target, usedFile)); !os.IsNotExist(err) {
		t.Errorf("markUsed marked the link's target: %v", err)
	}
}

// TestTouch: Touch sets the time of an existing mark and creates, follows
// or changes nothing else (review round 9): no root, no program
// directory, a removed mark, a symbolic link, a file.
func TestTouch(t *testing.T) {
	id, err := ProgramID()
	if err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-48 * time.Hour)
	mk := func(t *testing.T, dir string, mark bool) string {
		t.Helper()
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		used := filepath.Join(dir, usedFile)
		if mark {
			if err := os.WriteFile(used, nil, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Chtimes(used, old, old); err != nil {
				t.Fatal(err)
			}
		}
		return used
	}
	entries := func(dir string) []string {
		var names []string
		es, _ := os.ReadDir(dir)
		for _, e := range es {
			names = append(names, e.Name())
		}
		return names
	}
	t.Run("marked", func(t *testing.T) {
		root := t.TempDir()
		used := mk(t, filepath.Join(root, id), true)
		if err := Touch(root); err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Stat(used); err != nil || time.Since(fi.ModTime()) > time.Minute {
			t.Errorf("the mark: %v, %v", fi, err)
		}
		if m, _ := lmode(filepath.Join(root, id)); m != 0o755 {
			t.Errorf("Touch changed the permissions: %v", m)
		}
	})
	t.Run("no root", func(t *testing.T) {
		root := filepath.Join(t.TempDir(), "cache")
		if err := Touch(root); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Lstat(root); !os.IsNotExist(err) {
			t.Errorf("Touch made the root: %v", err)
		}
	})
	t.Run("no program directory", func(t *testing.T) {
		root := t.TempDir()
		if err := Touch(root); err != nil {
			t.Fatal(err)
		}
		if got := entries(root); len(got) != 0 {
			t.Errorf("Touch made %v", got)
		}
	})
	t.Run("mark removed", func(t *testing.T) {
		root := t.TempDir()
		dir := filepath.Join(root, id)
		mk(t, dir, false)
		if err := Touch(root); err != nil {
			t.Fatal(err)
		}
		if got := entries(dir); len(got) != 0 {
			t.Errorf("Touch made %v", got)
		}
	})
	t.Run("symbolic link", func(t *testing.T) {
		root, target := t.TempDir(), filepath.Join(t.TempDir(), "p")
		used := mk(t, target, true)
		if err := os.Symlink(target, filepath.Join(root, id)); err != nil {
			t.Fatal(err)
		}
		if err := Touch(root); err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Stat(used); err != nil || !fi.ModTime().Equal(old) {
			t.Errorf("Touch marked the target of the link: %v, %v", fi, err)
		}
	})
	t.Run("a file", func(t *testing.T) {
		root := t.TempDir()
		p := filepath.Join(root, id)
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := Touch(root); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(p); string(b) != "x" {
			t.Errorf("the file: %q", b)
		}
	})
}
