package history

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
)

func TestHead(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(dir); !errors.Is(err, ErrNoRepository) {
		t.Fatalf("plain dir: err = %v, want ErrNoRepository", err)
	}
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	wt, _ := repo.Worktree()
	if _, err := wt.Add("a.txt"); err != nil {
		t.Fatal(err)
	}
	when := time.Date(2026, 11, 25, 23, 30, 0, 0, time.UTC)
	sig := &object.Signature{Name: "t", Email: "t@example.org", When: when}
	h, err := wt.Commit("c", &git.CommitOptions{Author: sig, Committer: sig})
	if err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "sub")
	_ = os.Mkdir(sub, 0o755)
	r, err := Open(sub) // searched for upwards, as git does
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	c, err := r.HeadCommit()
	if err != nil {
		t.Fatal(err)
	}
	if hash, got := c.Hash.String(), c.Committer.When; hash != h.String() || !got.Equal(when) {
		t.Errorf("Head = %s %v, want %s %v", hash, got, h, when)
	}
}
