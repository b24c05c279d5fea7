//go:build !unix

package buildcache

import (
	"io/fs"
	"os"
)

// foreign: directories carry no Unix owner here.
func foreign(fs.FileInfo) bool { return false }

// closeKept does nothing where directories carry no Unix permissions.
func closeKept(string) error { return nil }

// closeOwn only checks that dir is a real directory: there are no Unix
// permissions to close here.
func closeOwn(dir string) error {
	fi, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return errNotDir(dir)
	}
	return nil
}

// safeRoot: no Unix owners or permissions to check here.
func safeRoot(string) error { return nil }
