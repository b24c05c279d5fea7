package cli

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"

	"lpg/internal/testrepo"
)

// Issue 10, hole 6: repository and disk failures end in one Chinese
// message naming the object or file and the fix, with exit code 2, and
// nothing is written.

const reclone = "请重新克隆仓库（git clone 远程地址）后在新的克隆中重试，或从备份恢复 .git 目录。\n"

// tinyRepo commits testdata/tiny like sampleRepo.
func tinyRepo(t *testing.T) (*testrepo.Builder, string) { return repoOf(t, "testdata/tiny") }

// blobOf returns the blob of path in commit c.
func blobOf(t *testing.T, g *testrepo.Builder, c plumbing.Hash, path string) plumbing.Hash {
	t.Helper()
	cm, err := g.Repo.CommitObject(c)
	if err != nil {
		t.Fatal(err)
	}
	f, err := cm.File(path)
	if err != nil {
		t.Fatal(err)
	}
	return f.Hash
}

func loosePath(dir string, h plumbing.Hash) string {
	return filepath.Join(dir, ".git", "objects", h.String()[:2], h.String()[2:])
}

// runFault runs lpg and checks it exits 2 with exactly want on stderr and
// wrote no site.
func runFault(t *testing.T, dir, want string, args ...string) {
	t.Helper()
	code, _, errOut := runAt(day(5, 12), args...)
	if code != ExitFailure || errOut != want {
		t.Errorf("lpg %s: exit %d, stderr\n%s\nwant exit 2, stderr\n%s", strings.Join(args, " "), code, errOut, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "site")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("lpg %s wrote site/ (%v)", args[0], err)
	}
}

// TestFaultTruncatedPack: the repository packed (as a clone is), the pack
// cut after its header: every command names the first object it needed
// (the HEAD commit) and the pack file.
func TestFaultTruncatedPack(t *testing.T) {
	g, dir := tinyRepo(t)
	if err := g.Repo.RepackObjects(&git.RepackConfig{}); err != nil {
		t.Fatal(err)
	}
	objects := filepath.Join(dir, ".git", "objects")
	ents, _ := os.ReadDir(objects)
	for _, e := range ents {
		if len(e.Name()) == 2 { // loose objects: the pack must be the only copy
			if err := os.RemoveAll(filepath.Join(objects, e.Name())); err != nil {
				t.Fatal(err)
			}
		}
	}
	packs, _ := filepath.Glob(filepath.Join(objects, "pack", "*.pack"))
	if len(packs) != 1 {
		t.Fatalf("packs %v", packs)
	}
	if err := os.Truncate(packs[0], 12); err != nil {
		t.Fatal(err)
	}
	want := "仓库损坏：git 对象 " + g.Head.String() + " 无法读取，pack 索引中有这个对象，pack 文件中却读不出来：pack 文件被截断或损坏。损坏的文件：.git/objects/pack/" +
		filepath.Base(packs[0]) + "。" + reclone
	runFault(t, dir, "lpg build: "+want, "build", "--root", dir)
	runFault(t, dir, "lpg publish: "+want, "publish", "2026-10", "--root", dir)
	runFault(t, dir, "lpg check: "+want, "check", "--base", "HEAD", "--root", dir)
}

// TestFaultMissingObject: a loose blob deleted. build reads it for the
// file's history, publish for validating HEAD, check for the merged tree.
func TestFaultMissingObject(t *testing.T) {
	g, dir := tinyRepo(t)
	const p = "data/hazards/2026-10/E01.csv"
	first := g.Head
	old, _ := os.ReadFile(filepath.Join(dir, p))
	second := commit(t, g, time.Date(2026, 11, 25, 9, 0, 0, 0, sh), "E01 更正", map[string][]byte{
		p: bytes.Replace(old, []byte("陆建平"), []byte("陆建华"), 1)})
	blob := blobOf(t, g, second, p)
	if err := os.Remove(loosePath(dir, blob)); err != nil {
		t.Fatal(err)
	}
	missing := func(ctx string) string {
		return "仓库损坏：缺少 git 对象 " + blob.String() + "（" + ctx + "），仓库不完整。" + reclone
	}
	runFault(t, dir, "lpg build: "+missing(p+" 的内容，提交 "+second.String()[:12]), "build", "--root", dir)
	runFault(t, dir, "lpg publish: "+missing(p+" 的内容，提交 "+second.String()[:12]), "publish", "2026-10", "--root", dir)
	runFault(t, dir, "lpg check: "+missing(p+" 的内容"), "check", "--base", first.String(), "--root", dir)
}

// TestFaultCorruptLooseObject: a loose object overwritten — not zlib at
// all (invalid header), or a zlib header followed by broken deflate data.
func TestFaultCorruptLooseObject(t *testing.T) {
	for _, c := range []struct {
		name, content, reason string
	}{
		{"zlib header", "this is not zlib", "压缩数据头无效（zlib reading error: zlib: invalid header）"},
		{"flate data", "\x78\x9c\xff\xff\xff\xff\xff\xff", "压缩数据已损坏（flate: corrupt input before offset 1）"},
	} {
		t.Run(c.name, func(t *testing.T) {
			g, dir := tinyRepo(t)
			const p = "data/rectifications/2026-10/310118102.csv"
			blob := blobOf(t, g, g.Head, p)
			lp := loosePath(dir, blob)
			if err := os.Chmod(lp, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(lp, []byte(c.content), 0o644); err != nil {
				t.Fatal(err)
			}
			want := "仓库损坏：git 对象 " + blob.String() + "（" + p + " 的内容，提交 " + g.Head.String()[:12] + "）无法读取，" + c.reason +
				"。损坏的文件：.git/objects/" + blob.String()[:2] + "/" + blob.String()[2:] + "。" + reclone
			runFault(t, dir, "lpg build: "+want, "build", "--root", dir)
			runFault(t, dir, "lpg publish: "+want, "publish", "2026-10", "--root", dir)
		})
	}
}

// TestFaultDiskFull: the disk fills up while the site is written (an
// injected write error, errors.Is syscall.ENOSPC): exit 2, the message
// names the file, no site and no temporary folder are left.
func TestFaultDiskFull(t *testing.T) {
	for _, c := range []struct {
		errno syscall.Errno
		want  string
	}{
		{syscall.ENOSPC, "磁盘已满：写入 %s 时失败（no space left on device）。请清理磁盘后重试。\n"},
		{syscall.EACCES, "没有权限：写入 %s 时被拒绝（permission denied）。请检查该文件及其所在目录的权限，或换用有权限的账户运行后重试。\n"},
	} {
		dir := t.TempDir()
		if err := os.CopyFS(filepath.Join(dir, "data"), os.DirFS("testdata/tiny/data")); err != nil {
			t.Fatal(err)
		}
		var errb bytes.Buffer
		cmd := &Command{Stdout: &errb, Stderr: &errb, writeFile: func(name string, data []byte, perm fs.FileMode) error {
			if filepath.Base(name) == "index.html" && strings.HasPrefix(filepath.Base(filepath.Dir(name)), ".site.tmp-") {
				return &fs.PathError{Op: "open", Path: name, Err: c.errno}
			}
			return os.WriteFile(name, data, perm)
		}}
		code := cmd.Main([]string{"lpg", "build", "--root", dir, "--as-of", "2026-11-29T12:00:00+08:00"})
		want := "lpg build: " + strings.Replace(c.want, "%s", filepath.Join(dir, "site", "index.html"), 1)
		if code != ExitFailure || errb.String() != want {
			t.Errorf("%v: exit %d, stderr\n%s\nwant exit 2, stderr\n%s", c.errno, code, errb.String(), want)
		}
		assertOnlyData(t, dir)
	}
}

// TestFaultRealDiskFull: /dev/full answers every write with ENOSPC.
func TestFaultRealDiskFull(t *testing.T) {
	_, dir := tinyRepo(t)
	code, _, errOut := run("check", "--base", "HEAD", "--root", dir, "--summary", "/dev/full")
	want := "lpg check: 磁盘已满：写入 /dev/full 时失败（no space left on device）。请清理磁盘后重试。\n"
	if code != ExitFailure || errOut != want {
		t.Errorf("exit %d, stderr\n%s\nwant exit 2, stderr\n%s", code, errOut, want)
	}
}

func assertOnlyData(t *testing.T, dir string) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	if len(names) != 1 || names[0] != "data" {
		t.Errorf("%s holds %v after a failed build, want only data", dir, names)
	}
}
