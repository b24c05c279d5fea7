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
	// prune does not remove another user's program directory, however
	// long unused
	old := now.Add(-400 * day)
	if err := os.Chtimes(filepath.Join(root, idA), old, old); err != nil {
		t.Fatal(err)
	}
	if removed, err := prune(root, idCur, now); len(removed) != 0 || err != nil {
		t.Errorf("prune removed %v, %v", removed, err)
	}
}

// TestSafeRoot (review round 9, second look): a cache root another user
// could change under a build is refused — one that is not the running
// user's, one others may write, one below a directory others may write
// without the sticky bit — and Open then creates nothing in it; a root
// below /tmp-like sticky directories, or reached through a symbolic link,
// is fine.
func TestSafeRoot(t *testing.T) {
	base := t.TempDir()
	mkdir := func(p string, mode os.FileMode) string {
		t.Helper()
		if err := os.MkdirAll(p, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ok := mkdir(filepath.Join(base, "ok", "cache"), 0o700)
	open := mkdir(filepath.Join(base, "open", "cache"), 0o777)
	loose := mkdir(filepath.Join(base, "loose"), 0o777)
	below := mkdir(filepath.Join(loose, "cache"), 0o700)
	sticky := mkdir(filepath.Join(base, "sticky"), 0o777|os.ModeSticky)
	inSticky := mkdir(filepath.Join(sticky, "cache"), 0o755)
	link := filepath.Join(base, "link")
	if err := os.Symlink(ok, link); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ root, want string }{
		{ok, ""},
		{inSticky, ""},
		{link, ""},
		{open, "缓存目录 " + open + " 其他用户也能写入（权限 0777）：别人可以换掉其中的目录，读取或伪造已发布版本的文件，所以不用它。请执行 chmod go-w " + open + "，或用 --cache 换一个只有本人能写的目录"},
		{below, "缓存目录 " + below + " 的上级目录 " + loose + " 属于本人、权限 drwxrwxrwx：别的用户可以把缓存目录整个换掉，读取或伪造已发布版本的文件，所以不用它。请用 --cache 或环境变量 LPG_CACHE_DIR 换一个只有本人能写的位置（如主目录下）"},
	} {
		err := safeRoot(c.root)
		if got := errString(err); got != c.want {
			t.Errorf("safeRoot(%s) = %q\nwant %q", c.root, got, c.want)
		}
	}
	// Open refuses an unsafe root before making anything in it.
	if c, err := Open(open); c != nil || err == nil {
		t.Errorf("Open(%s) = %v, %v", open, c, err)
	}
	if es, _ := os.ReadDir(open); len(es) != 0 {
		t.Errorf("Open made %v in a refused root", es)
	}
	// A root of another user (as one left by `sudo lpg`).
	asOtherUser(t)
	fi, err := os.Stat(ok)
	if err != nil {
		t.Fatal(err)
	}
	want := "缓存目录 " + ok + " 属于" + owner(fi) + "：内部版会把住户信息存在这里，所以不用它。请用 --cache 或环境变量 LPG_CACHE_DIR 换一个本人的目录" + removeHint(fi)
	if got := errString(safeRoot(ok)); got != want {
		t.Errorf("another user's root: %q\nwant %q", got, want)
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestCloseThroughLinks: closeKept and markUsed never change a directory
// reached through a symbolic link. This is a link in place before the
// call; a link swapped in during it (the race of review round 9 T1) is
// not followed because both open the path with O_NOFOLLOW, which the
// reviewer's renameat2 attack checked (README), not this test.
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
	t.Run("a root others may write", func(t *testing.T) {
		root := t.TempDir()
		used := mk(t, filepath.Join(root, id), true)
		if err := os.Chmod(root, 0o777); err != nil {
			t.Fatal(err)
		}
		if err := Touch(root); err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Stat(used); err != nil || !fi.ModTime().Equal(old) {
			t.Errorf("Touch marked a cache Open refuses: %v, %v", fi, err)
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
