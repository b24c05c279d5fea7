package cli

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// DefaultCacheDir is the persistent cache of lpg build and lpg serve when
// neither --cache nor --no-cache is given (issue 14: published editions
// are rendered once per lpg program, not on every build): $LPG_CACHE_DIR
// when set (absolute, or relative to the working directory; "off", in any
// case, for none, like GOCACHE=off), else lpg-build in the user's cache directory
// (os.UserCacheDir: $XDG_CACHE_HOME or ~/.cache on Linux, %LocalAppData%
// on Windows, ~/Library/Caches on macOS) — the directory the intranet job
// of publish.yml uses too. The directory need not exist.
func DefaultCacheDir() (string, error) {
	if v := os.Getenv("LPG_CACHE_DIR"); v != "" {
		if strings.EqualFold(v, "off") {
			return "", nil
		}
		return filepath.Abs(v)
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "lpg-build"), nil
}

// cacheFlags are --cache and --no-cache of lpg build and lpg serve.
type cacheFlags struct {
	dir string
	off bool
}

func (f *cacheFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.dir, "cache", "", "缓存目录（相对于 --root，放在输出目录之外；build 与 serve 可共用）：已发布版本生成一次后保存在这里，以后的生成直接取用；不影响输出（默认：$LPG_CACHE_DIR，未设时为用户缓存目录下的 lpg-build，如 ~/.cache/lpg-build）")
	fs.BoolVar(&f.off, "no-cache", false, "不用持久缓存：每个已发布版本都重新生成（输出相同，只是更慢）")
}

// resolve sets bo.cache (and bo.cacheDefault) from the flags: --cache,
// else the command's default (Command.DefaultCache) unless --no-cache.
// Both flags together are a usage error. A default that cannot be found
// (no home directory) is kept as bo.cacheErr for defaultCache.
func (f *cacheFlags) resolve(c *Command, root rootFlag, bo *buildOptions) error {
	switch {
	case f.dir != "" && f.off:
		return usagef("--cache 与 --no-cache 不能同时使用")
	case f.dir != "":
		bo.cache = root.abs(f.dir)
	case f.off || c.DefaultCache == nil:
	default:
		d, err := c.DefaultCache()
		if err != nil {
			bo.cacheDefault, bo.cacheErr = true, errors.New("找不到默认缓存目录（环境变量 HOME 和 XDG_CACHE_HOME 都没有设置；Windows 上为 LocalAppData）")
			return nil
		}
		bo.cache, bo.cacheDefault = d, d != ""
	}
	return nil
}

// defaultCache is what renderEditions does with the default cache of bo
// before the editions eds: nothing when there are none (the directory is
// not made), else make it (prepareDefaultCache) or, when it cannot be
// found or made, say so on stderr and build without it. It returns the
// cache directory to use, "" for none.
func defaultCache(c *Command, bo buildOptions, eds int) string {
	if !bo.cacheDefault || eds == 0 {
		return ""
	}
	err := bo.cacheErr
	if err == nil {
		if err = prepareDefaultCache(bo.cache, bo.out, bo.root); err != nil {
			err = fmt.Errorf("默认缓存目录 %s 不可用（%v）", bo.cache, err)
		}
	}
	if err != nil {
		fmt.Fprintf(c.Stderr, "注意：%v，本次不用缓存，已发布版本逐个重新生成；可用 --cache DIR 指定其他目录，或设环境变量 LPG_CACHE_DIR。\n", err)
		return ""
	}
	return bo.cache
}

// cacheOverlap says whether the cache directory dir is, contains or lies
// in the output directory out ("" for none) or the repository root
// (symbolic links resolved as far as they exist).
func cacheOverlap(dir, out, root string) error {
	d := resolved(dir)
	for _, p := range []string{out, root} {
		if p == "" {
			continue
		}
		if p = resolved(p); within(d, p) || within(p, d) {
			return fmt.Errorf("与 %s 重叠", p)
		}
	}
	return nil
}

// prepareDefaultCache makes the default cache directory dir (0700: an
// internal build stores household data there) unless it is inside the
// output directory out or the repository root, or out or the root is
// inside it; an error says why it is not used.
func prepareDefaultCache(dir, out, root string) error {
	if err := cacheOverlap(dir, out, root); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		var pe *os.PathError
		if errors.Is(err, syscall.ENOTDIR) && errors.As(err, &pe) {
			return fmt.Errorf("%s 不是目录", pe.Path)
		}
		return errors.New(explain(err))
	}
	return nil
}
