// Package history reads what lpg needs from the git repository that holds
// the data, through go-git (no git binary): the HEAD commit and its time,
// which make a build a pure function of its commit (DESIGN.md "Time").
// Receipt times from history, editions and trees come with later issues.
package history

import (
	"errors"
	"fmt"
	"time"

	"github.com/go-git/go-git/v5"
)

// ErrNoRepository means the root is a plain directory, not inside a git
// work tree: commit and receipt times are then unknown.
var ErrNoRepository = errors.New("not a git repository")

// Head returns the hash of the HEAD commit of the repository containing
// root (searching parent directories like git does) and its committer time.
func Head(root string) (hash string, when time.Time, err error) {
	repo, err := git.PlainOpenWithOptions(root, &git.PlainOpenOptions{DetectDotGit: true})
	if errors.Is(err, git.ErrRepositoryNotExists) {
		return "", time.Time{}, ErrNoRepository
	}
	if err != nil {
		return "", time.Time{}, fmt.Errorf("open repository at %q: %w", root, err)
	}
	ref, err := repo.Head()
	if err != nil {
		return "", time.Time{}, fmt.Errorf("%w: no HEAD commit (%v)", ErrNoRepository, err)
	}
	c, err := repo.CommitObject(ref.Hash())
	if err != nil {
		return "", time.Time{}, fmt.Errorf("read HEAD commit: %w", err)
	}
	return c.Hash.String(), c.Committer.When, nil
}
