package render

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
)

// TestBuildMatchesSite: Build, which puts every file on disk as soon as it
// is rendered (issue 14), writes exactly the files of Site, byte for byte,
// for the public thinned sample (thinSample: every kind of file of the
// site) with a base URL (so sitemap.xml, which lists every page put before
// it, is written too).
func TestBuildMatchesSite(t *testing.T) {
	d := thinSample(t)
	opt := sampleOptions(d, false)
	opt.BaseURL = "https://lpg.example.gov.cn/"
	want, err := Site(d, opt)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "site")
	o, err := Create(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := Build(o, d, opt); err != nil {
		t.Fatal(err)
	}
	if o.Len() != len(want) {
		t.Errorf("Len() = %d, want %d", o.Len(), len(want))
	}
	if err := o.Commit(); err != nil {
		t.Fatal(err)
	}
	got := map[string][]byte{}
	err = filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		got[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Errorf("Build wrote %d files, Site renders %d", len(got), len(want))
	}
	for p, b := range want {
		if !bytes.Equal(got[p], b) {
			t.Errorf("%s: Build wrote %d bytes, Site renders %d (or they differ)", p, len(got[p]), len(b))
		}
	}
	if _, ok := want["sitemap.xml"]; !ok {
		t.Error("no sitemap.xml")
	}
}

// TestBuildDiskFull: the disk fills up while Build writes the workbooks
// (rendered on all CPUs, each put as soon as it is done): Build returns
// the system error naming the file of the output directory, no other
// file is written after it, and after Abort the old site is as it was and
// no temporary folder is left. The site is that of the thinned sample
// (thinSample: 48 workbooks of every kind, the sample has 138).
func TestBuildDiskFull(t *testing.T) {
	d := thinSample(t)
	parent := t.TempDir()
	dir := filepath.Join(parent, "site")
	writeTree(t, dir, map[string]string{"index.html": "old"})
	var failed, after atomic.Int32
	o, err := Create(dir, func(name string, data []byte, perm fs.FileMode) error {
		if failed.Load() > 0 {
			after.Add(1)
		}
		if strings.HasSuffix(name, ".xlsx") && failed.Add(1) == 1 {
			return &fs.PathError{Op: "open", Path: name, Err: syscall.ENOSPC}
		}
		return os.WriteFile(name, data, perm)
	})
	if err != nil {
		t.Fatal(err)
	}
	err = Build(o, d, sampleOptions(d, false))
	var pe *fs.PathError
	if !errors.Is(err, syscall.ENOSPC) || !errors.As(err, &pe) || !strings.HasPrefix(pe.Path, dir+string(filepath.Separator)) || !strings.HasSuffix(pe.Path, ".xlsx") {
		t.Fatalf("err = %v, want ENOSPC writing a workbook of %s", err, dir)
	}
	if !errors.Is(o.Err(), syscall.ENOSPC) {
		t.Errorf("Err() = %v, want the write error", o.Err())
	}
	// At most the other worker's file was on its way when the disk filled.
	if n := after.Load(); n > 1 {
		t.Errorf("%d files written after the failure, want at most 1", n)
	}
	if err := o.Commit(); !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("Commit after a failed Put = %v, want the write error", err)
	}
	o.Abort()
	assertTree(t, dir, map[string]string{"index.html": "old"})
	assertOnly(t, parent, "site")
}

// TestSiteDirPut: the paths Put refuses, the message of each, and a path
// put twice (the second content wins, counted once).
func TestSiteDirPut(t *testing.T) {
	for _, c := range []struct {
		name  string
		paths []string
		want  string // the error of the last Put; "" none
	}{
		{"empty", []string{""}, `write site: invalid path ""`},
		{"dot", []string{"."}, `write site: invalid path "."`},
		{"absolute", []string{"/a.html"}, `write site: invalid path "/a.html"`},
		{"dot-dot", []string{"a/../b.html"}, `write site: invalid path "a/../b.html"`},
		{"backslash", []string{`a\b.html`}, `write site: invalid path "a\\b.html"`},
		{"file then below it", []string{"a", "a/b.html"}, `write site: "a" is both a file and the parent of "a/b.html"`},
		{"below then the folder", []string{"a/b/c.html", "a/b"}, `write site: "a/b" is both a file and the parent of another file`},
		{"scratch folder", []string{".scratch"}, `write site: invalid path ".scratch"`},
		{"in the scratch folder", []string{".scratch/blobs/ab"}, `write site: invalid path ".scratch/blobs/ab"`},
		{"twice", []string{"a/b.html", "a/b.html"}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "site")
			o, err := Create(dir, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer o.Abort()
			for i, p := range c.paths {
				err = o.Put(p, []byte{byte('0' + i)})
			}
			if got := errString(err); got != c.want {
				t.Fatalf("Put %q: error %s, want %s", c.paths, got, c.want)
			}
			if c.want != "" {
				return
			}
			if o.Len() != 1 {
				t.Errorf("Len() = %d, want 1", o.Len())
			}
			if err := o.Commit(); err != nil {
				t.Fatal(err)
			}
			assertTree(t, dir, map[string]string{"a/b.html": "1"})
			assertOnly(t, parent, "site")
		})
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestSiteDirLink: Link puts a hard link to the source file (the same
// file, not a copy) when it can, else a copy written like Put's; linking
// over a path put before replaces it; an unreadable source is the error
// of the build, naming the source.
func TestSiteDirLink(t *testing.T) {
	for _, c := range []struct {
		name    string
		fail    bool // os.Link fails (another file system)
		missing bool // the source does not exist
		want    string
	}{
		{"same file system", false, false, ""},
		{"copy", true, false, ""},
		{"missing source", true, true, "write site: 已发布版本的文件 SRC 在生成过程中不见了（缓存目录被删除，或被另一个 lpg 清理）。原有网站保持不变；请重新运行一次，仍然出错时加 --no-cache（open SRC: no such file or directory）"},
	} {
		t.Run(c.name, func(t *testing.T) {
			parent := t.TempDir()
			src := filepath.Join(parent, "blob")
			if !c.missing {
				if err := os.WriteFile(src, []byte("第1版"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if c.fail {
				link = func(string, string) error { return &os.LinkError{Op: "link", Err: syscall.EXDEV} }
				defer func() { link = os.Link }()
			}
			dir := filepath.Join(parent, "site")
			o, err := Create(dir, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer o.Abort()
			if err := o.Put("reports/2026-10/v1/report.json", []byte("旧")); err != nil {
				t.Fatal(err)
			}
			err = o.Link("reports/2026-10/v1/report.json", src)
			if got := strings.ReplaceAll(errString(err), src, "SRC"); got != c.want {
				t.Fatalf("Link: error %s, want %s", got, c.want)
			}
			if c.want != "" {
				if o.Err() == nil {
					t.Error("the error of Link is not kept")
				}
				return
			}
			if err := o.Commit(); err != nil {
				t.Fatal(err)
			}
			assertTree(t, dir, map[string]string{"reports/2026-10/v1/report.json": "第1版"})
			a, err := os.Stat(src)
			if err != nil {
				t.Fatal(err)
			}
			b, err := os.Stat(filepath.Join(dir, "reports", "2026-10", "v1", "report.json"))
			if err != nil {
				t.Fatal(err)
			}
			if os.SameFile(a, b) == c.fail {
				t.Errorf("same file as the source: %t, want %t", os.SameFile(a, b), !c.fail)
			}
		})
	}
}

// TestSiteDirScratch: the scratch folder lies in the temporary directory
// (a file there can be linked into the site), is not part of the site,
// and is gone after Commit — the linked file stays — and after Abort.
func TestSiteDirScratch(t *testing.T) {
	for _, commit := range []bool{true, false} {
		parent := t.TempDir()
		dir := filepath.Join(parent, "site")
		o, err := Create(dir, nil)
		if err != nil {
			t.Fatal(err)
		}
		scratch, err := o.Scratch()
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Dir(scratch) != o.tmp {
			t.Errorf("scratch %s is not in the temporary directory %s", scratch, o.tmp)
		}
		blob := filepath.Join(scratch, "blob")
		if err := os.WriteFile(blob, []byte("第2版"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := o.Link("reports/2026-11/v2/report.json", blob); err != nil {
			t.Fatal(err)
		}
		if o.Len() != 1 {
			t.Errorf("Len() = %d, want 1", o.Len())
		}
		if !commit {
			o.Abort()
			if _, err := os.Stat(scratch); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("scratch after Abort: %v", err)
			}
			continue
		}
		if err := o.Commit(); err != nil {
			t.Fatal(err)
		}
		assertTree(t, dir, map[string]string{"reports/2026-11/v2/report.json": "第2版"})
		assertOnly(t, parent, "site")
	}
}
