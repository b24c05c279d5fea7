package check

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/diag"
	"lpg/internal/form"
	"lpg/internal/history"
	"lpg/internal/layout"
	"lpg/internal/reference"
	"lpg/internal/repository"
	"lpg/internal/rowdiff"
	"lpg/internal/validate"
)

// Options say what to check.
type Options struct {
	Dir   string // any directory inside the repository's work tree
	Base  string // revision the pull request targets, e.g. origin/main
	Head  string // revision of the pull request; "" means HEAD
	Actor string // login of the submitter; "" skips the ownership rule
	// Now is the check's own time: commits dated more than DateSkew from
	// it are warned about (issue 11). Zero skips that rule.
	Now time.Time
	// OpenedAt is when the forge says the pull request was opened
	// (created_at); the summary shows it as the receipt time the merge
	// will record. Zero when unknown (a local run).
	OpenedAt time.Time
}

// Report is the outcome of a check. It is printed by WriteText,
// WriteJSON, WriteGitHub and WriteMarkdown.
type Report struct {
	Base      Rev    `json:"base"`
	Head      Rev    `json:"head"`
	MergeBase string `json:"merge_base"`
	// MergeBases lists every merge base (several after criss-cross
	// merges); the touched paths are those where the head differs from
	// their virtual merge base (repository.Merge).
	MergeBases []string `json:"merge_bases"`

	Actor     string    `json:"actor"`
	Role      string    `json:"role"`      // enterprise, town, gas_centre; "" when unknown or not given
	Submitter string    `json:"submitter"` // enterprise id or town code of the account
	Ownership Ownership `json:"ownership"`

	Files      []File      `json:"files"`       // every changed path, sorted
	NewHazards []TownCount `json:"new_hazards"` // hazards the pull request adds, by town
	Published  []Published `json:"published"`   // changed files already counted in a published edition
	Outcomes   []Outcome   `json:"outcomes"`    // what each changed 排查表/汇总表 achieves, one line each
	OpenedAt   string      `json:"opened_at"`   // the pull request's creation time as the forge recorded it; "" unknown
	Receipts   []Receipt   `json:"receipts"`    // submission files the pull request adds and their receipt on merge
	// Alterations are changes to data already received that move counted
	// figures: 逾期补报, rewritten counted columns, voided or backdated
	// closures (received.go). Warnings; shown in one block.
	Alterations []Alteration `json:"alterations"`

	Validated struct {
		Files int `json:"files"`
		Rows  int `json:"rows"`
	} `json:"validated"` // data files and rows whose diagnostics are reported
	Errors   []diag.Diagnostic `json:"errors"`
	Warnings []diag.Diagnostic `json:"warnings"`
	Passed   bool              `json:"passed"`
}

// Rev is a revision as given and the commit it names.
type Rev struct {
	Rev  string `json:"rev"`
	Hash string `json:"hash"`
}

// Ownership is the verdict of the ownership rule.
type Ownership struct {
	Checked bool   `json:"checked"` // false when no --actor was given
	OK      bool   `json:"ok"`
	Reason  string `json:"reason"` // Chinese one-line verdict
}

// File is one changed path with its row counts against the merge base.
type File struct {
	Path    string `json:"path"`
	Status  string `json:"status"` // added, modified, deleted
	Kind    string `json:"kind"`   // hazards, rectifications, reference, data, "" (not a data file)
	Added   int    `json:"rows_added"`
	Changed int    `json:"rows_changed"`
	Removed int    `json:"rows_removed"`
	Allowed bool   `json:"allowed"` // the actor may make this change (true when not checked)
}

// TownCount counts added hazards of one town by severity.
type TownCount struct {
	Town       string         `json:"town"` // 9-digit code, "" when the row's town is invalid
	Name       string         `json:"name"`
	Total      int            `json:"total"`
	BySeverity map[string]int `json:"by_severity"`
}

// Published names a changed file whose month is already counted in
// published report editions (tags report/YYYY-MM/vN).
type Published struct {
	File     string   `json:"file"`
	Month    string   `json:"month"`
	Editions []string `json:"editions"`
}

// Run checks what merging o.Head into o.Base would change on o.Base.
//
// The paths the pull request touches, the merged tree and the changes
// judged are those of repository.Repo.Merge: o.Head against the (virtual,
// after criss-cross merges) merge base, the tip of o.Base with the head's
// side of every touched path, and where that differs from the tip; a path
// both sides changed since the merge base is refused (merge.stale). The whole merged tree is validated; the
// diagnostics reported are those of the changed files and, in other files,
// those the tip of o.Base does not have (the ones the change causes).
//
// Bad data and refused changes are reported in the Report (Passed false);
// an error means the check could not run: ErrShallow for a shallow clone,
// ErrRepository for a missing repository or an unknown revision, or an
// I/O error.
func Run(ctx context.Context, o Options) (*Report, error) {
	rp, err := openRepo(o.Dir)
	if err != nil {
		return nil, err
	}
	defer rp.Close()
	if o.Head == "" {
		o.Head = "HEAD"
	}
	m, err := rp.merge(o.Base, o.Head)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	c := &checker{rp: rp, m: m, asOf: o.Now, rep: &Report{Base: Rev{o.Base, m.Base}, Head: Rev{o.Head, m.Head},
		MergeBase: m.Bases[0], MergeBases: m.Bases, Actor: o.Actor}, opt: o}
	if !o.OpenedAt.IsZero() {
		c.rep.OpenedAt = calendar.FormatTime(o.OpenedAt)
	}
	if err := c.run(ctx); err != nil {
		return nil, err
	}
	return c.rep, nil
}

type checker struct {
	opt   Options
	rp    *repo
	m     *repository.Merge
	asOf  time.Time
	rep   *Report
	diags diag.List
}

func (c *checker) run(ctx context.Context) error {
	baseFiles, merged := c.m.BaseFiles, c.m.Merged
	changes := c.m.Changes

	// Ownership: the accounts table of the base branch (never the pull
	// request's own version, which it could have edited).
	acct, err := c.actorAccount(baseFiles)
	if err != nil {
		return err
	}
	all, files := changes, changes[:0:0]
	for _, ch := range changes {
		f := File{Path: ch.Path, Kind: kindOf(ch.Path), Allowed: true}
		if ch.To.Gitlink() {
			// One error for one cause (review finding F9): under data/
			// validate's file.gitlink names it; elsewhere owner.gitlink.
			// The ownership rule still applies to the path, so the file
			// line says 子模块, not 无权修改, at one's own path. Removing
			// a gitlink, or replacing it by a file, is an ordinary change.
			f.Status = "gitlink"
			refused := false
			if acct != nil && c.rep.Role != "" {
				if r := judge(*acct, ch.Path, false); r.code != "" {
					refused = true
					c.diags.Add(diag.Diagnostic{File: ch.Path, Code: r.code, Message: r.message, Hint: r.hint, Severity: diag.Error})
				}
			}
			f.Allowed = !refused && (acct == nil || c.rep.Role != "")
			if !layout.Under(ch.Path, layout.DataDir) && !refused {
				c.diags.Add(diag.Diagnostic{File: ch.Path, Line: 1, Code: "owner.gitlink", Severity: diag.Error,
					Message: "不允许提交子模块（gitlink）：它指向另一个仓库，而不是文件内容",
					Hint:    "删除该子模块，只上传 CSV 文件本身"})
			}
			c.rep.Files = append(c.rep.Files, f)
			continue
		}
		files = append(files, ch)
		switch {
		case ch.From.Hash.IsZero():
			f.Status = "added"
		case ch.To.Hash.IsZero():
			f.Status = "deleted"
		default:
			f.Status = "modified"
		}
		// A hidden or reserved path under data/ is never read by
		// validate or shown by the site, and a .git folder breaks every
		// checkout (review finding F2); removing one is the fix.
		if f.Status != "deleted" {
			if err := layout.CheckDataPath(ch.Path); err != nil {
				var le *layout.Error
				if errors.As(err, &le) {
					c.diags.Add(diag.Diagnostic{File: ch.Path, Line: 1, Code: le.Code, Value: ch.Path, Severity: diag.Error,
						Message: le.Message, Hint: le.Hint})
				}
			}
		}
		switch {
		case acct == nil:
		case c.rep.Role == "":
			f.Allowed = false // unknown account: refused once, in actorAccount
		default:
			// a gitlink was never a submitted file: removing it is allowed
			if r := judge(*acct, ch.Path, f.Status == "deleted" && !ch.From.Gitlink()); r.code != "" {
				f.Allowed = false
				c.diags.Add(diag.Diagnostic{File: ch.Path, Code: r.code, Message: r.message, Hint: r.hint, Severity: diag.Error})
			}
		}
		c.rep.Files = append(c.rep.Files, f)
	}
	changes = files
	// A file both sides changed since the merge base: git would merge
	// the two contents, which nobody has checked (review finding F3).
	for _, p := range c.m.Stale {
		c.diags.Add(diag.Diagnostic{File: p, Line: 1, Code: "merge.stale", Severity: diag.Error,
			Message: "目标分支上该文件已被修改，请先合并目标分支（Update branch）后再检查",
			Hint:    "在 pull request 页面点“Update branch”（或在本地 git merge 目标分支）后推送，检查会重新运行；两边都改了同一个文件时，lpg 不判断 git 自动合并的结果"})
	}
	c.verdict()
	added, err := c.added(changes)
	if err != nil {
		return err
	}
	c.rep.Receipts = Receipts(added, c.opt.OpenedAt)
	if !c.opt.Now.IsZero() {
		commits, err := c.m.Commits(maxPRCommits)
		if err != nil {
			return err
		}
		var dates []CommitDate
		for _, k := range commits {
			dates = append(dates, CommitDate{Hash: k.Hash, Committer: k.Committer, Author: k.Author})
		}
		c.diags.AddAll(DateDiagnostics(dates, c.opt.Now))
		// By fast-forward every commit of the pull request lands on the
		// main line's first-parent chain, and a build's as_of is the latest
		// time there: each is judged, not only the head (review round 5, K1).
		for _, d := range dates {
			c.diags.AddAll(HeadClock(d, c.m.FastForward(), c.opt.Now))
		}
	}
	c.monthEnded(changes)
	if err := c.published(changes); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	res, err := c.validate(baseFiles, merged, all)
	if err != nil {
		return err
	}
	if err := c.rowCounts(changes, res); err != nil {
		return err
	}
	if err := c.received(changes, res); err != nil {
		return err
	}
	if err := c.outcomes(changes, res, func(ch change) ([]byte, error) {
		if ch.From.Special() {
			return nil, nil // never read: a link's text is no earlier version
		}
		return c.rp.Blob(ch.From)
	}); err != nil {
		return err
	}
	c.rep.Errors = c.diags.Errors()
	c.rep.Warnings = c.diags.Warnings()
	c.rep.Passed = len(c.rep.Errors) == 0
	return nil
}

// actorAccount looks the actor up in accounts.csv of the base commit's
// files. It returns nil when no actor is given; an unknown actor is
// refused.
func (c *checker) actorAccount(baseFiles history.Files) (*reference.Account, error) {
	if c.rep.Actor == "" {
		return nil, nil
	}
	base, err := c.rp.Tree(baseFiles)
	if err != nil {
		return nil, err
	}
	accounts, err := base.Accounts()
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, history.ErrSpecial) {
		accounts, err = nil, nil // no usable table: nobody may submit
	}
	if err != nil {
		return nil, err
	}
	a := findAccount(accounts, layout.Login(c.rep.Actor))
	if a == nil {
		c.diags.Add(diag.Diagnostic{File: AccountsFile, Code: "owner.unknown", Value: c.rep.Actor, Severity: diag.Error,
			Message: fmt.Sprintf("账号“%s”不在目标分支的 %s 中，不能提交数据", c.rep.Actor, AccountsFile),
			Hint:    "请区燃气中心先在账号表中登记该账号（account,role,submitter）并合并，再重新运行检查"})
		return &reference.Account{Account: c.rep.Actor, Role: "unknown"}, nil
	}
	c.rep.Actor, c.rep.Role, c.rep.Submitter = a.Account, a.Role, a.Submitter
	return a, nil
}

func (c *checker) verdict() {
	o := &c.rep.Ownership
	if c.rep.Actor == "" {
		o.Reason = "未指定 --actor，未检查提交权限"
		return
	}
	o.Checked = true
	if c.rep.Role == "" {
		o.Reason = fmt.Sprintf("账号“%s”未登记，拒绝", c.rep.Actor)
		return
	}
	var refused int
	for _, f := range c.rep.Files {
		if !f.Allowed {
			refused++
		}
	}
	if refused > 0 {
		o.Reason = fmt.Sprintf("%s（%s）无权做出其中 %d 处改动，拒绝", c.rep.Actor, roleName(reference.Account{Role: c.rep.Role, Submitter: c.rep.Submitter}), refused)
		return
	}
	o.OK = true
	o.Reason = fmt.Sprintf("%s（%s）有权做出全部改动", c.rep.Actor, roleName(reference.Account{Role: c.rep.Role, Submitter: c.rep.Submitter}))
}

// published warns about changed submissions whose month is already
// counted in a published edition: hazards of M in reports from M+1 on,
// rectifications of M in reports from M+2 on (DESIGN.md "Monthly report").
func (c *checker) published(changes []change) error {
	var tags map[string][]string
	for _, ch := range changes {
		sub, err := layout.ParseSubmission(ch.Path)
		if err != nil {
			continue
		}
		month := sub.Month
		if tags == nil {
			if tags, err = c.rp.editionTags(); err != nil {
				return err
			}
		}
		first := month.Add(1)
		what := "隐患"
		switch sub.Kind {
		case layout.Rectifications:
			first, what = month.Add(2), "整改情况"
		case layout.Inspections:
			what = "入户安检量"
		}
		var eds []string
		for r, ts := range tags {
			if rm, err := calendar.ParseMonth(r); err == nil && rm.Compare(first) >= 0 {
				eds = append(eds, ts...)
			}
		}
		if len(eds) == 0 {
			continue
		}
		sort.Strings(eds)
		c.rep.Published = append(c.rep.Published, Published{File: ch.Path, Month: month.String(), Editions: eds})
		c.diags.Add(diag.Diagnostic{File: ch.Path, Line: 1, Code: "edition.published", Severity: diag.Warning,
			Message: fmt.Sprintf("%s 的%s已计入已发布的月报（%s）；已发布的版本不会改变，本次更正将在下一版月报中体现", month, what, strings.Join(eds, "、")),
			Hint:    "可以更正，但请在 pull request 说明中写明更正原因；审核人会逐行核对，必要时由区燃气中心发布新版月报"})
	}
	return nil
}

// validate validates the whole merged tree (the lpg root of it) with
// validate.Run, so lpg check runs every rule lpg validate runs, the
// cross-file rules of validate.Rules included, and keeps the diagnostics
// the change causes (validate.Caused, the filter lpg import uses too):
// those of the changed files, and those of other files that the tip of
// the base branch does not have (a shorter 排查表 leaves a town's rows
// pointing nowhere; a new reference row breaks nothing old). The base is
// validated only when other files have diagnostics. It returns nil when no data file changed.
func (c *checker) validate(baseFiles, merged history.Files, changes []change) (*validate.Result, error) {
	changed := map[string]bool{}
	for _, ch := range changes {
		if layout.Under(ch.Path, layout.DataDir) {
			changed[ch.Path] = true
		}
	}
	if len(changed) == 0 {
		return nil, nil
	}
	opt := validate.Options{AsOf: c.asOf}
	// Lines of receipts.csv already on the base branch were recorded by
	// earlier changes: only the lines this change adds or alters are
	// judged against the check's time (received_at.future).
	if e, ok := baseFiles[layout.ReceiptsFile]; ok && !e.Special() {
		b, err := c.rp.Blob(e)
		if err != nil {
			return nil, err
		}
		if rt, err := repository.ParseReceipts(b); err == nil {
			opt.RecordedReceipts = rt.Recorded()
		}
	}
	// received_at.later: the lines this change adds or alters against the
	// base branch's main line, scanned only when such a line is there.
	var scanErr error
	opt.FirstSeen = func(p string) (time.Time, bool) {
		ix, err := c.m.BaseHistory()
		if err != nil {
			scanErr = err
			return time.Time{}, false
		}
		return ix.ReceivedAt(p)
	}
	opt.MainLine = func(commit string) (bool, bool) {
		ix, err := c.m.BaseHistory()
		if err != nil {
			scanErr = err
			return false, false
		}
		return ix.OnChain(commit), true
	}
	tree, err := c.rp.Tree(merged)
	if err != nil {
		return nil, err
	}
	res, err := tree.Load(opt)
	if err == nil {
		err = scanErr
	}
	if errors.Is(err, validate.ErrNoData) {
		c.diags.Add(diag.Diagnostic{File: layout.DataDir, Code: "data.missing", Severity: diag.Error,
			Message: "本次提交后仓库中没有 data/ 目录", Hint: "不要删除或移动 data/ 目录"})
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	own, others, err := validate.Caused(res.Diags.Items(), func(p string) bool { return changed[p] }, func() ([]diag.Diagnostic, error) {
		baseTree, err := c.rp.Tree(baseFiles)
		if err != nil {
			return nil, err
		}
		old, err := baseTree.Load(opt)
		if errors.Is(err, validate.ErrNoData) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		return old.Diags.Items(), nil
	})
	if err != nil {
		return nil, err
	}
	c.diags.AddAll(own)
	c.diags.AddAll(others)
	c.rep.Validated.Files, c.rep.Validated.Rows = res.Files, res.Rows
	return res, nil
}

// removedRects warns about 汇总表 rows a change removes (rows.removed,
// adversarial review F20): a reported 整改情况 taken out of the record
// changes past statuses (DESIGN.md "Status model", status at t), and is how
// a clerk loses data by importing a blank workbook. Each id is listed with
// the state the base reported (status and 整改完成日期).
func (c *checker) removedRects(ch change, removed []string) error {
	old, err := c.rp.Blob(ch.From)
	if err != nil {
		return err
	}
	rows := rowdiff.Read(ch.Path, old).ByID
	var parts []string
	for i, id := range removed {
		if i == 10 {
			parts = append(parts, fmt.Sprintf("等 %d 条", len(removed)))
			break
		}
		state := strings.TrimSpace(rows[id].Fields["status"] + " " + rows[id].Fields["rectified_date"])
		if state == "" {
			state = "未填状态"
		}
		parts = append(parts, fmt.Sprintf("%s（%s）", id, state))
	}
	c.diags.Add(diag.Diagnostic{File: ch.Path, Line: 1, Code: "rows.removed", Severity: diag.Warning,
		Message: "本次删除了已报送的整改情况：" + strings.Join(parts, "、"),
		Hint:    "汇总表的行删除后，过去各期月报中这些隐患的状态随之改变；更正请改写该行而不要删除；若是导入了空白表格，请撤回这一改动。审核人会核对删除理由"})
	return nil
}

// rowCounts fills the row counts of the changed data files, the hazards
// added by town and severity, and warns about removed hazard rows.
func (c *checker) rowCounts(changes []change, res *validate.Result) error {
	byPath := map[string]*File{}
	for i := range c.rep.Files {
		byPath[c.rep.Files[i].Path] = &c.rep.Files[i]
	}
	added := map[string]map[string]bool{} // file → hazard ids added
	for _, ch := range changes {
		f := byPath[ch.Path]
		if f.Kind == "" {
			continue
		}
		if ch.From.Special() || ch.To.Special() {
			continue // not read: validate reports the link
		}
		d, err := c.rp.Diff(ch.Path, ch.From, ch.To)
		if err != nil {
			return err
		}
		f.Added, f.Changed, f.Removed = d.Added, d.Changed, d.Removed
		if f.Kind == form.Hazards {
			added[ch.Path] = d.AddedIDs
			if len(d.RemovedIDs) > 0 && !ch.To.Hash.IsZero() {
				ids := d.RemovedIDs
				more := ""
				if len(ids) > 10 {
					ids, more = ids[:10], fmt.Sprintf(" 等 %d 条", len(d.RemovedIDs))
				}
				c.diags.Add(diag.Diagnostic{File: ch.Path, Line: 1, Code: "hazard.removed", Severity: diag.Warning,
					Message: fmt.Sprintf("本次删除了已提交的隐患：%s%s", strings.Join(ids, "、"), more),
					Hint:    "隐患登记错误请保留该行并在备注中说明，由街镇在汇总表中填“核实无此隐患”；审核人会核对删除理由"})
			}
		}
		if f.Kind == form.Rectifications && len(d.RemovedIDs) > 0 && !ch.To.Hash.IsZero() {
			if err := c.removedRects(ch, d.RemovedIDs); err != nil {
				return err
			}
		}
	}
	if res == nil || res.Data == nil {
		return nil
	}
	towns := map[string]*TownCount{}
	for _, h := range res.Data.Hazards {
		if !added[h.File][h.ID] {
			continue
		}
		tc := towns[h.Town]
		if tc == nil {
			tc = &TownCount{Town: h.Town, Name: "（街镇有误）", BySeverity: map[string]int{}}
			if t := res.Data.Ref.Town(h.Town); t != nil {
				tc.Name = t.Name
			}
			towns[h.Town] = tc
		}
		tc.Total++
		sev := h.Severity
		if sev == "" {
			sev = "未定"
		}
		tc.BySeverity[sev]++
	}
	for _, tc := range towns {
		c.rep.NewHazards = append(c.rep.NewHazards, *tc)
	}
	sort.Slice(c.rep.NewHazards, func(i, j int) bool { return c.rep.NewHazards[i].Town < c.rep.NewHazards[j].Town })
	return nil
}
