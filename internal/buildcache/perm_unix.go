//go:build unix

package buildcache

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// euid is the user the cache belongs to (os.Geteuid); tests replace it
// to make their own directories look like another user's.
var euid = os.Geteuid

// foreign reports whether fi (of a directory) belongs to another user
// than the one running lpg.
func foreign(fi fs.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) != euid()
}

// openDir opens dir itself, never through a symbolic link (O_NOFOLLOW):
// what is checked and changed is the directory opened, even when another
// user swaps a link in for it meanwhile (review round 9: a root lpg that
// changed a path after checking it could be made to chmod /etc).
func openDir(dir string) (*os.File, error) {
	return os.OpenFile(dir, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
}

// closeKept makes dir, the directory of another lpg program that prune
// keeps, 0700 when other users can enter it (review round 7 R4): an older
// lpg, or --cache below a 0755 root, left it 0755, and an internal build
// of that program stored household data in it, readable by every user of
// the machine until it is pruned (up to 30 days). It changes only a real
// directory of the running user (also when that user is root: another
// user's directory and data are theirs), through the opened directory.
func closeKept(dir string) error {
	f, err := openDir(dir)
	if err != nil {
		return nil // gone meanwhile, a symbolic link or a file: prune skips those
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.IsDir() || foreign(fi) || fi.Mode().Perm()&0o077 == 0 {
		return nil
	}
	if err := f.Chmod(0o700); err != nil && !errors.Is(err, fs.ErrPermission) {
		return err
	}
	return nil
}

// closeOwn makes the running program's cache directory dir 0700 when
// other users can enter it (review round 6 F2), through the opened
// directory. A symbolic link or a directory of another user is not
// changed: the error says why (closedToOthers then refuses the cache).
func closeOwn(dir string) error {
	f, err := openDir(dir)
	if errors.Is(err, syscall.ELOOP) || errors.Is(err, syscall.ENOTDIR) {
		return errNotDir(dir)
	}
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	switch {
	case err != nil:
		return err
	case foreign(fi):
		return errForeign(dir)
	case fi.Mode().Perm()&0o077 != 0:
		return f.Chmod(0o700)
	}
	return nil
}
