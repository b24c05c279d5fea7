package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"lpg/internal/calendar"
	"lpg/internal/diag"
	"lpg/internal/history"
	"lpg/internal/loop"
	"lpg/internal/repository"
	"lpg/internal/validate"
)

type publishCmd struct {
	c       *Command
	root    rootFlag
	message string
	force   bool
	branch  string
}

// Run tags HEAD as the next edition of report month YYYY-MM (annotated tag
// report/YYYY-MM/vN, DESIGN.md "Site"). It refuses (exit 2) outside a git
// repository, in a shallow clone, on a dirty work tree and before the
// report month has ended (judged by the real clock: publishing is an act in
// the world, unlike a build) unless --force, which the tag message then
// records; it refuses with exit 2 when HEAD is not on the main line (the
// first-parent chain of origin/main, else main — or of --branch; adversarial
// review G9: an edition is data that was reviewed and merged, README 发布正式版本),
// and with exit 1 when the data of HEAD is invalid.
func (p *publishCmd) Run(_ context.Context, args []string) error {
	fs := newFlagSet(p.c, "publish")
	p.root.register(fs)
	fs.StringVar(&p.message, "message", "", "版本说明，写入标签信息（如“更正朱家角镇汇总表”）")
	fs.BoolVar(&p.force, "force", false, "报告月尚未结束也发布（标签信息中注明）")
	fs.StringVar(&p.branch, "branch", "", "主线分支的名称（默认 main，没有 main 时为 master；先找 origin/名称，再找本地分支）：HEAD 必须在它的主线上")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("用法：lpg publish YYYY-MM [--message 说明] [--force] [--branch 主线分支]")
	}
	m, err := calendar.ParseMonth(pos[0])
	if err != nil {
		return usagef("%q 不是月份（应为 YYYY-MM，如 2026-10）", pos[0])
	}
	// The month's end is judged first: it needs no data (a repository
	// whose receipts.csv is ahead of the clock is invalid before then).
	now := p.c.now()
	early := now.Before(m.End())
	if early && !p.force {
		return fmt.Errorf("报告月 %s 尚未结束（%s 结束，现在是 %s），不能发布正式版本；确需提前发布请加 --force", m, calendar.FormatTime(m.End()), calendar.FormatTime(now))
	}
	repo, err := p.root.open()
	if err != nil {
		return err
	}
	defer repo.Close()
	g, err := repo.Git()
	if errors.Is(err, repository.ErrNoRepository) {
		return usagef("%s 不在 git 仓库中：正式版本是 git 标签，发布需要在数据仓库的克隆中进行", repo.Dir())
	}
	if err != nil {
		return err
	}
	clean, dirty, note, err := workTreeChanges(g)
	if err != nil {
		return err
	}
	if !clean {
		if note != "" {
			note = "；" + note
		}
		return fmt.Errorf("工作区有未提交的修改（%s），发布的版本必须与提交一致：请先提交或还原后再发布%s", dirty, note)
	}
	head, err := repo.Head()
	if err != nil {
		return err
	}
	if err := p.onMainline(repo); err != nil {
		return err
	}
	tree, err := repo.At(head)
	if err != nil {
		return err
	}
	// HEAD's rows were submitted no later than HEAD's commit: judge the
	// future rules (month folders, 整改完成日期) at the later of the clock
	// and that commit, so a clock behind the repository does not turn
	// merged data into errors.
	asOf := p.c.now()
	if ct := head.Committer.When; ct.After(asOf) {
		asOf = ct
	}
	res, err := tree.Load(validate.Options{AsOf: asOf})
	if errors.Is(err, validate.ErrNoData) {
		return usagef("HEAD 提交中没有 data/ 目录")
	}
	if err != nil {
		return err
	}
	if res.Diags.HasErrors() {
		sum := diag.NewSummary(res.Files, res.Rows, &res.Diags)
		sum.Warnings = nil
		_ = diag.WriteText(p.c.Stderr, sum)
		fmt.Fprintln(p.c.Stderr, "HEAD 的数据有错误，不能发布。")
		return errInvalid
	}
	found := false
	for _, r := range loop.ReportMonths(res.Data, m.End()) {
		found = found || r == m
	}
	if !found {
		return usagef("HEAD 的数据中没有 %s 的月报（月报从最早有隐患的月份的次月开始）", m)
	}
	eds, skipped, err := repo.Tags()
	if err != nil {
		return err
	}
	for _, w := range skipped {
		fmt.Fprintln(p.c.Stderr, "警告："+w)
	}
	n, err := history.NextEdition(eds, m)
	if err != nil {
		return err
	}
	msg := history.Title(m, n) + "\n"
	if p.message != "" {
		msg += "\n" + strings.TrimSpace(p.message) + "\n"
	}
	if early {
		msg += fmt.Sprintf("\n%s报告月 %s 尚未结束（%s 结束），于 %s 使用 --force 提前发布。\n", history.ForcedMarker, m, calendar.FormatTime(m.End()), calendar.FormatTime(now))
	}
	tag, err := g.CreateEdition(m, n, head.Hash, g.Signature(now), msg)
	if err != nil {
		return err
	}
	fmt.Fprintf(p.c.Stdout, "已发布 %s（提交 %s）。运行 lpg build 生成 reports/%s/v%d/；推送标签：git push origin %s\n", tag, head.Hash.String()[:12], m, n, tag)
	return nil
}

// onMainline refuses (exit 2) the HEAD commit when it is
// not on the main line repository.Mainline resolves for --branch: the
// tip of origin/main (else main, master) or a commit of its first-parent
// chain. A pull request's commits, a local experiment and a local main
// ahead of origin/main are not (adversarial review G9).
func (p *publishCmd) onMainline(repo *repository.Repo) error {
	head, err := repo.Head()
	if err != nil {
		return err
	}
	name, tip, err := repo.Mainline(p.branch)
	if errors.Is(err, repository.ErrNoMainline) {
		want := "origin/" + p.branch + "、" + p.branch
		if p.branch == "" {
			var w []string
			for _, b := range repository.DefaultMainlines {
				w = append(w, "origin/"+b, b)
			}
			want = strings.Join(w, "、")
		}
		return fmt.Errorf("找不到主线分支（查找了 %s）：正式版本只能从主线发布。请先取得主线（git fetch origin）；主线分支是别的名字时用 --branch 指定", want)
	}
	if err != nil {
		return err
	}
	on, err := repo.OnFirstParentChain(tip, head)
	if err != nil || on {
		return err
	}
	b, err := repo.HeadBranch()
	if err != nil {
		return err
	}
	short := head.Hash.String()[:12]
	where := "当前分支 " + b + "（提交 " + short + "）"
	if b == "" {
		where = "当前检出的提交 " + short + "（不在任何分支上）"
	}
	return fmt.Errorf("%s不在主线 %s 上：正式版本只能发布经过检查和审核、已合并到主线的数据。请切换到主线并更新（git checkout %s，git pull）后再发布；刚合并的 pull request 请先 git fetch；本地的新提交要先推送、经 pull request 合并到主线；主线分支不叫 %s 时用 --branch 指定",
		where, name, branchOf(name), branchOf(name))
}

// branchOf is the branch name of a short reference name: main of
// origin/main.
func branchOf(ref string) string {
	if _, b, ok := strings.Cut(ref, "/"); ok && strings.HasPrefix(ref, "origin/") {
		return b
	}
	return ref
}
