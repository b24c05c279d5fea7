package check

import (
	"github.com/go-git/go-git/v5/plumbing/filemode"

	"lpg/internal/history"
)

// change is one path that a merge would change on the base branch, named
// relative to the lpg root ("/p" for a path outside it). From or To has
// the zero hash when the file is absent on that side (added or deleted).
type change struct {
	Path     string
	From, To history.Entry
}

// gitlink reports whether either side is a submodule entry: never allowed.
func (ch change) gitlink() bool {
	return ch.From.Mode == filemode.Submodule || ch.To.Mode == filemode.Submodule
}
