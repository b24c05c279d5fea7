//go:build unix

package buildcache

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"

	"lpg/internal/fault"
)

// euid is the user the cache belongs to (os.Geteuid); tests replace it
// to make their own directories look like another user's.
var euid = os.Geteuid

// foreign reports whether fi (of a directory) belongs to another user
// than the one running lpg.
func foreign(fi fs.FileInfo) bool {
	uid, ok := ownerUID(fi)
	return ok && uid != euid()
}

// ownerUID is the user id owning fi; ok is false when the file system
// gives none.
func ownerUID(fi fs.FileInfo) (uid int, ok bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, false
	}
	return int(st.Uid), true
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

// safeRoot refuses a cache root that another user could change under a
// build (review round 9, second look): every later operation of the cache
// goes by path below root, so whoever can rename entries in root — or in
// a directory above it — can swap the program directory after Open's
// checks and read or forge what is stored there, or make a root lpg
// create files through planted symbolic links. root (symbolic links
// resolved) must belong to the running user and be writable by no one
// else; each directory above it must belong to that user or to root and,
// when others may write it, carry the sticky bit (as /tmp does), which
// stops them renaming entries they do not own. This is the rule of
// OpenSSH's StrictModes for ~/.ssh. The error is in Chinese.
func safeRoot(root string) error {
	p, err := filepath.EvalSymlinks(root)
	if err == nil {
		p, err = filepath.Abs(p)
	}
	var fi fs.FileInfo
	if err == nil {
		fi, err = os.Stat(p)
	}
	if err != nil {
		return fmt.Errorf("检查缓存目录 %s 时出错：%s", root, fault.Explain(err))
	}
	if foreign(fi) {
		return fmt.Errorf("缓存目录 %s 属于%s：内部版会把住户信息存在这里，所以不用它。请用 --cache 或环境变量 LPG_CACHE_DIR 换一个本人的目录%s", root, owner(fi), removeHint(fi))
	}
	if fi.Mode().Perm()&0o022 != 0 {
		return fmt.Errorf("缓存目录 %s 其他用户也能写入（权限 %04o）：别人可以换掉其中的目录，读取或伪造已发布版本的文件，所以不用它。请执行 chmod go-w %s，或用 --cache 换一个只有本人能写的目录", root, fi.Mode().Perm(), root)
	}
	for dir := filepath.Dir(p); ; dir = filepath.Dir(dir) {
		fi, err := os.Stat(dir)
		if err != nil {
			return fmt.Errorf("检查缓存目录 %s 的上级目录 %s 时出错：%s", root, dir, fault.Explain(err))
		}
		uid, _ := ownerUID(fi)
		writable := fi.Mode().Perm()&0o022 != 0 && fi.Mode()&os.ModeSticky == 0
		if (uid != 0 && foreign(fi)) || writable {
			return fmt.Errorf("缓存目录 %s 的上级目录 %s 属于%s、权限 %s：别的用户可以把缓存目录整个换掉，读取或伪造已发布版本的文件，所以不用它。请用 --cache 或环境变量 LPG_CACHE_DIR 换一个只有本人能写的位置（如主目录下）", root, dir, owner(fi), fi.Mode())
		}
		if dir == filepath.Dir(dir) {
			return nil
		}
	}
}

// owner names the owner of fi for safeRoot's messages.
func owner(fi fs.FileInfo) string {
	uid, ok := ownerUID(fi)
	switch {
	case !ok:
		return "未知用户"
	case uid == euid():
		return "本人"
	case uid == 0:
		return " root"
	}
	if u, err := user.LookupId(strconv.Itoa(uid)); err == nil {
		return "别的用户 " + u.Username
	}
	return "别的用户（uid " + strconv.Itoa(uid) + "）"
}

// removeHint tells how to remove a root another user owns: one made by
// `sudo lpg` belongs to root.
func removeHint(fi fs.FileInfo) string {
	if uid, ok := ownerUID(fi); ok && uid == 0 {
		return "；它属于 root，多半是曾用 sudo 运行 lpg 留下的，可用 sudo rm -rf 删掉"
	}
	return "，或请它的主人删掉它"
}
