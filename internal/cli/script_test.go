package cli

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the expected output in the scripts of testdata/script/")

// TestMain lets the test binary run as the lpg command of the scripts.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"lpg": func() {
			c := &Command{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, DefaultCache: DefaultCacheDir} // as cmd/lpg
			os.Exit(c.Main(os.Args))
		},
	})
}

// TestScripts runs the CLI scenarios in testdata/script/*.txtar: each
// starts from a tiny data repository (fixture), runs lpg as a real process
// and checks its exit code and Chinese messages. Update the expected
// files of a script with go test -run TestScripts -update.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		// The default cache of lpg build and serve (DefaultCacheDir) in
		// the script's own directory, never the user's.
		Setup: func(env *testscript.Env) error {
			env.Setenv("XDG_CACHE_HOME", filepath.Join(env.WorkDir, ".cache"))
			env.Setenv("LPG_CACHE_DIR", "")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exits":   cmdExits,
			"fixture": cmdFixture,
			"commit":  cmdCommit,
			"corrupt": cmdCorrupt,
			"prjson":  cmdPRJSON,
		},
	})
}

// exits CODE PROGRAM [ARGS...]: run the program like exec and fail unless
// it exits with CODE (testscript's "! exec" cannot tell 1 from 2).
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE PROGRAM [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: %v", err)
	}
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		got = ee.ExitCode()
	case err != nil:
		ts.Fatalf("exits: %v", err)
	}
	if got != want {
		ts.Fatalf("%s exited with %d, want %d", args[1], got, want)
	}
}

// fixture: copy the tiny data repository (testdata/tiny) into the current
// directory; files the script already has are kept (a script changes the
// fixture by carrying its own version of a file).
func cmdFixture(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 0 {
		ts.Fatalf("usage: fixture")
	}
	src, err := filepath.Abs("testdata/tiny")
	ts.Check(err)
	ts.Check(filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		dst := ts.MkAbs(rel)
		if _, err := os.Stat(dst); err == nil {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	}))
}

// commit MESSAGE: commit every file of the current directory (a new
// repository the first time) as "centre"; the n-th commit is dated
// 2026-11-20 10:00 +08:00 plus n hours.
func cmdCommit(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: commit MESSAGE")
	}
	dir := ts.MkAbs(".")
	r, err := git.PlainOpen(dir)
	if errors.Is(err, git.ErrRepositoryNotExists) {
		r, err = git.PlainInit(dir, false)
	}
	ts.Check(err)
	n := 0
	if head, err := r.Head(); err == nil {
		iter, err := r.Log(&git.LogOptions{From: head.Hash()})
		ts.Check(err)
		ts.Check(iter.ForEach(func(*object.Commit) error { n++; return nil }))
	}
	wt, err := r.Worktree()
	ts.Check(err)
	ts.Check(wt.AddWithOptions(&git.AddOptions{All: true}))
	when := time.Date(2026, 11, 20, 10+n, 0, 0, 0, sh)
	sig := &object.Signature{Name: "centre", Email: "centre@example.org", When: when}
	_, err = wt.Commit(args[0], &git.CommitOptions{Author: sig, Committer: sig})
	ts.Check(err)
}

// corrupt pack | missing PATH | zlib PATH: damage the repository of the
// current directory — pack every object and cut the pack after its
// header; delete the loose object holding PATH at HEAD; overwrite it with
// bytes that are not zlib.
func cmdCorrupt(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 {
		ts.Fatalf("usage: corrupt pack | missing PATH | zlib PATH")
	}
	dir := ts.MkAbs(".")
	r, err := git.PlainOpen(dir)
	ts.Check(err)
	objects := filepath.Join(dir, ".git", "objects")
	switch {
	case args[0] == "pack" && len(args) == 1:
		ts.Check(r.RepackObjects(&git.RepackConfig{}))
		ents, err := os.ReadDir(objects)
		ts.Check(err)
		for _, e := range ents {
			if len(e.Name()) == 2 {
				ts.Check(os.RemoveAll(filepath.Join(objects, e.Name())))
			}
		}
		packs, _ := filepath.Glob(filepath.Join(objects, "pack", "*.pack"))
		if len(packs) != 1 {
			ts.Fatalf("corrupt pack: %d packs", len(packs))
		}
		ts.Check(os.Truncate(packs[0], 12))
	case (args[0] == "missing" || args[0] == "zlib") && len(args) == 2:
		head, err := r.Head()
		ts.Check(err)
		c, err := r.CommitObject(head.Hash())
		ts.Check(err)
		f, err := c.File(args[1])
		ts.Check(err)
		h := f.Hash.String()
		p := filepath.Join(objects, h[:2], h[2:])
		if args[0] == "missing" {
			ts.Check(os.Remove(p))
			return
		}
		ts.Check(os.Chmod(p, 0o644))
		ts.Check(os.WriteFile(p, []byte("this is not zlib"), 0o644))
	default:
		ts.Fatalf("usage: corrupt pack | missing PATH | zlib PATH")
	}
}

// prjson FILE NUMBER CREATED_AT: write FILE as the forge's record of
// merged pull request NUMBER, opened at CREATED_AT (RFC 3339), whose merge
// is HEAD of the repository in the current directory (Gitea's answer: one
// object), and set HEAD_SHA to HEAD's full hash and HEAD_SHORT to its
// first 7 digits.
func cmdPRJSON(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: prjson FILE NUMBER CREATED_AT")
	}
	r, err := git.PlainOpen(ts.MkAbs("."))
	ts.Check(err)
	head, err := r.Head()
	ts.Check(err)
	h := head.Hash().String()
	ts.Setenv("HEAD_SHA", h)
	ts.Setenv("HEAD_SHORT", h[:7])
	body := fmt.Sprintf(`{"number": %s, "created_at": %q, "merged": true, "merge_commit_sha": %q}`, args[1], args[2], h)
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(body), 0o644))
}
