package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPublishIgnoresWhatGitIgnores (issue 10, hole 9; review round 4 H5,
// H12): files lpg does not read — Thumbs.db at the top and
// data/desktop.ini, ignored through .git/info/exclude or the user's XDG
// ignore file, a note at the top that nothing ignores — do not make
// publish refuse; an ignored file that lpg reads does: a desktop.ini in a
// month folder is refused by validate (file.location), so a build of that
// work tree is not the commit's.
func TestPublishIgnoresWhatGitIgnores(t *testing.T) {
	home, xdg := t.TempDir(), t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", xdg)
	t.Setenv("GIT_CONFIG_GLOBAL", "")
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	_, dir := tinyRepo(t)
	month := filepath.Join(dir, "data", "hazards", "2026-10", "desktop.ini")
	for p, s := range map[string]string{
		filepath.Join(dir, ".git", "info", "exclude"): "Thumbs.db\n",
		filepath.Join(xdg, "git", "ignore"):           "desktop.ini\n",
		filepath.Join(dir, "Thumbs.db"):               "x",
		filepath.Join(dir, "data", "desktop.ini"):     "x",
		filepath.Join(dir, "notes.txt"):               "x",
		month:                                         "x",
	} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, _, errOut := runAt(day(5, 12), "publish", "2026-11", "--root", dir)
	if want := "lpg publish: 工作区有未提交的修改（data/hazards/2026-10/desktop.ini（被 git 忽略）），发布的版本必须与提交一致：请先提交或还原后再发布；" +
		"标注“被 git 忽略”的文件 git status 不显示，lpg 照样读取：请用 git add -f 提交，或把它移出 data/ 和 templates/\n"; code != ExitFailure || errOut != want {
		t.Errorf("with a desktop.ini in a month folder: exit %d, stderr %q, want 2, %q", code, errOut, want)
	}
	if err := os.Remove(month); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runAt(day(5, 12), "publish", "2026-11", "--root", dir)
	if code != ExitOK || !strings.HasPrefix(out, "已发布 report/2026-11/v1") {
		t.Errorf("files lpg does not read only: exit %d, stdout %q, stderr %q; want report/2026-11/v1 published", code, out, errOut)
	}
}
