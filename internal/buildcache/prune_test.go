package buildcache

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// Program ids for the tests (32 lower-case hex digits).
const (
	idCur = "cccccccccccccccccccccccccccccccc"
	idA   = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	idB   = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
	idD   = "dddddddddddddddddddddddddddddddd"
	idE   = "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"
	idF   = "ffffffffffffffffffffffffffffffff"
)

var now = time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC)

func ago(d time.Duration) time.Time { return now.Add(-d) }

const day = 24 * time.Hour

// TestStale: the pruning rule — not used for more than 30 days, or behind
// 3 more recently used others and not used for more than a day; never the
// current program.
func TestStale(t *testing.T) {
	for _, tc := range []struct {
		name  string
		progs []Program
		want  []string
	}{
		{"nothing", nil, nil},
		{"the current program, however old", []Program{{idCur, ago(400 * day)}}, nil},
		{"31 days", []Program{{idCur, now}, {idA, ago(31 * day)}}, []string{idA}},
		{"29 days", []Program{{idCur, now}, {idA, ago(29 * day)}}, nil},
		{"exactly 30 days", []Program{{idA, ago(30 * day)}}, nil},
		{"30 days and a second", []Program{{idA, ago(30*day + time.Second)}}, []string{idA}},
		{"3 others: all kept", []Program{{idA, ago(2 * day)}, {idB, ago(3 * day)}, {idD, ago(4 * day)}}, nil},
		{"5 others: the 2 least recently used", []Program{{idF, ago(6 * day)}, {idA, ago(2 * day)}, {idE, ago(5 * day)},
			{idB, ago(3 * day)}, {idD, ago(4 * day)}}, []string{idE, idF}},
		{"5 others used within the day: all kept", []Program{{idA, ago(time.Hour)}, {idB, ago(2 * time.Hour)},
			{idD, ago(3 * time.Hour)}, {idE, ago(4 * time.Hour)}, {idF, ago(23 * time.Hour)}}, nil},
		{"4th other at 25 hours", []Program{{idA, ago(time.Hour)}, {idB, ago(2 * time.Hour)},
			{idD, ago(3 * time.Hour)}, {idE, ago(25 * time.Hour)}}, []string{idE}},
		{"the current program does not count among the 3", []Program{{idCur, now}, {idA, ago(2 * day)},
			{idB, ago(3 * day)}, {idD, ago(4 * day)}}, nil},
		{"ties by name", []Program{{idE, ago(2 * day)}, {idD, ago(2 * day)}, {idB, ago(2 * day)},
			{idA, ago(2 * day)}}, []string{idE}},
		{"both rules", []Program{{idA, ago(40 * day)}, {idB, ago(time.Hour)}}, []string{idA}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := stale(tc.progs, idCur, now); !slices.Equal(got, tc.want) {
				t.Errorf("stale = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestIsProgramID: exactly what ProgramID returns.
func TestIsProgramID(t *testing.T) {
	for name, want := range map[string]bool{
		idA:                                 true,
		"0123456789abcdef0123456789abcdef":  true,
		"0123456789ABCDEF0123456789ABCDEF":  false,
		"0123456789abcdef0123456789abcde":   false,
		"0123456789abcdef0123456789abcdef0": false,
		idA + idA:                           false, // a whole SHA-256
		"0123456789abcdef0123456789abcdeg":  false,
		"blobs":                             false,
		"":                                  false,
	} {
		if got := isProgramID(name); got != want {
			t.Errorf("isProgramID(%q) = %t, want %t", name, got, want)
		}
	}
}

// TestPrune: open marks its directory used and removes, below the root,
// exactly the stale program directories — a directory that is not a real
// program directory (wrong name, other content, a symbolic link, a file)
// is never touched, whatever its age.
func TestPrune(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	// mk makes a program directory below parent with an entry and a blob,
	// its last use at used (the usedFile's time, or the directory's when
	// marker is false).
	mk := func(parent, name string, used time.Time, marker bool, extra ...string) string {
		t.Helper()
		d := filepath.Join(parent, name)
		for _, p := range append([]string{"ab/ab01", "blobs/cd/cd01"}, extra...) {
			if err := os.MkdirAll(filepath.Dir(filepath.Join(d, p)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(d, p), []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if marker {
			if err := os.WriteFile(filepath.Join(d, usedFile), nil, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Chtimes(filepath.Join(d, usedFile), used, used); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.Chtimes(d, used, used); err != nil {
			t.Fatal(err)
		}
		return d
	}
	old := ago(40 * day)
	mk(root, idCur, old, true)                // the current program: kept, marked now
	mk(root, idA, old, true)                  // removed
	mk(root, idB, ago(2*day), true)           // kept
	mk(root, idD, old, false)                 // no marker, directory 40 days old: removed
	mk(root, idE, old, true, "notes.txt")     // not only cache files: kept
	mk(root, idA+idA, old, true)              // not a program id: kept
	mk(root, strings.ToUpper(idF), old, true) // not a program id: kept
	target := mk(outside, idF, old, true)     // reached through a symbolic link: kept
	if err := os.Symlink(target, filepath.Join(root, idF)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "0123456789abcdef0123456789abcdef"), []byte("a file"), 0o644); err != nil {
		t.Fatal(err)
	}

	c := open(root, idCur, now)
	removed, err := c.Maintenance()
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{idA, idD}; !slices.Equal(removed, want) {
		t.Errorf("removed %v, want %v", removed, want)
	}
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for _, e := range entries {
		left = append(left, e.Name())
	}
	want := []string{"0123456789abcdef0123456789abcdef", strings.ToUpper(idF), idA + idA, idB, idCur, idE, idF}
	if !slices.Equal(left, want) {
		t.Errorf("left below the root: %v, want %v", left, want)
	}
	if _, err := os.Stat(filepath.Join(target, "blobs/cd/cd01")); err != nil {
		t.Errorf("the target of the symbolic link: %v", err)
	}
	fi, err := os.Stat(filepath.Join(root, idCur, usedFile))
	if err != nil || !fi.ModTime().Equal(now) {
		t.Errorf("the current program's mark: %v, %v; want %v", fi, err, now)
	}

	// The other programs' directories that are kept are closed to other
	// users (review round 7 R4: mk made them 0755, as an older lpg did);
	// the one reached through a symbolic link is not changed.
	for _, d := range []string{idB} {
		if m, err := lmode(filepath.Join(root, d)); err != nil || m != 0o700 {
			t.Errorf("kept program directory %s: %v, %v; want 0700", d, m, err)
		}
	}
	for _, d := range []string{idE, idA + idA, strings.ToUpper(idF)} {
		if m, err := lmode(filepath.Join(root, d)); err != nil || m != 0o755 {
			t.Errorf("directory %s that is not lpg's: %v, %v; want it left 0755", d, m, err)
		}
	}
	if m, err := lmode(target); err != nil || m != 0o755 {
		t.Errorf("the target of the symbolic link: %v, %v; want it left 0755", m, err)
	}

	// A second open at the same time removes nothing more.
	if removed, err := open(root, idCur, now).Maintenance(); len(removed) != 0 || err != nil {
		t.Errorf("second open: removed %v, %v", removed, err)
	}
}

// TestPruneFirstOpen: open on a root that does not exist yet creates the
// program directory with its mark and removes nothing.
func TestPruneFirstOpen(t *testing.T) {
	root := filepath.Join(t.TempDir(), "cache")
	c := open(root, idCur, now)
	if removed, err := c.Maintenance(); removed != nil || err != nil {
		t.Errorf("Maintenance = %v, %v", removed, err)
	}
	if fi, err := os.Stat(filepath.Join(root, idCur, usedFile)); err != nil || !fi.ModTime().Equal(now) {
		t.Errorf("mark: %v, %v", fi, err)
	}
	if c.Dir() != filepath.Join(root, idCur) {
		t.Errorf("Dir = %s", c.Dir())
	}
}

// TestPruneFailure: a root that is a file cannot be marked or pruned:
// Maintenance says why, and the cache is still returned (its writes fail
// later; a build without a writable cache is only slower).
func TestPruneFailure(t *testing.T) {
	root := filepath.Join(t.TempDir(), "cache")
	if err := os.WriteFile(root, []byte("not a directory"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := open(root, idCur, now)
	if c == nil || c.Dir() != filepath.Join(root, idCur) {
		t.Fatalf("open = %+v", c)
	}
	removed, err := c.Maintenance()
	want := "标记缓存目录 " + filepath.Join(root, idCur) + " 为刚用过时出错：路径中有一段是文件而不是目录：创建目录 " + root + " 时失败（not a directory）。请删掉或改名那个文件，或换一个目录后重试。\n" +
		"清理 " + root + " 中旧版 lpg 的缓存时出错：路径中有一段是文件而不是目录：打开 " + root + " 时失败（not a directory）。请删掉或改名那个文件，或换一个目录后重试。"
	if removed != nil || err == nil || err.Error() != want {
		t.Errorf("Maintenance = %v, %v\nwant error %q", removed, err, want)
	}
	if err := c.Put("k", entry{N: 1}); err == nil {
		t.Error("Put into a root that is a file succeeded")
	}
}

// lmode is the permission bits of p itself (not of a link's target).
func lmode(p string) (os.FileMode, error) {
	fi, err := os.Lstat(p)
	if err != nil {
		return 0, err
	}
	return fi.Mode().Perm(), nil
}
