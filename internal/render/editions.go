package render

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/loop"
	"lpg/internal/model"
)

// Edition is a published edition of a monthly report (tag
// report/YYYY-MM/vN, DESIGN.md "Site"), rendered beforehand from its own
// tree by EditionFiles.
type Edition struct {
	Month     string        // report month, 2026-10
	Name      string        // v1, v2, …
	Commit    string        // the tagged commit
	Published time.Time     // tagger time
	Tagger    string        // who published it
	Message   string        // the tag message
	Forced    bool          // published with --force before the month ended
	Changes   *loop.Changes // from the previous edition of the month; nil for the first
	// Files are the edition's files (slash path from the site root →
	// bytes) held in memory; Stored are more of them, each in a file on
	// disk that nothing modifies (path → that file: a buildcache blob; a
	// file named by 64 hex digits must have that SHA-256, else Pages
	// fails with ErrStoredEdition),
	// which a build hard-links into the site (SiteDir.Link) and Pages
	// reads when asked for it, so that a build from the persistent cache
	// holds no edition in memory (issue 14).
	Files  map[string][]byte
	Stored map[string]string
	// Skipped, when not "", says why the edition was not rendered (Chinese,
	// with the short commit: its tree does not validate, or its commit is
	// not on HEAD's first-parent chain; adversarial review G5, G9). Such an
	// edition has no files, no changes and no feed entry; the month's live
	// page lists it with this note.
	Skipped string
}

// Href is the link from the site root to the edition's page.
func (e Edition) Href() string { return "reports/" + e.Month + "/" + e.Name + "/index.html" }

// editionNumber turns v3 into 3 for titles.
func editionNumber(name string) string { return strings.TrimPrefix(name, "v") }

// EditionFiles renders edition name of report month r from the data of its
// own tree (d; opt.Root is that tree, so its templates/ override the
// embedded ones; opt.Commit is the tagged commit and opt.AsOf the
// publication time): reports/R/vN/index.html, report.json (with "edition"
// and "commit"), hazards.csv and report.xlsx. The result depends only on those inputs,
// so an edition rebuilds byte for byte.
func EditionFiles(d *model.Dataset, opt Options, r calendar.Month, name string) (map[string][]byte, error) {
	files, _, err := EditionReport(d, opt, r, name)
	return files, err
}

// EditionReport is EditionFiles that also returns the edition's side of
// report R (loop.Side, whose report is R as its report.json holds it): what
// a comparison with the edition reads.
func EditionReport(d *model.Dataset, opt Options, r calendar.Month, name string) (map[string][]byte, loop.Side, error) {
	return editionReport(d, opt, r, name, nil)
}

// editionReport is EditionReport; adjust, when not nil, may change the
// reports of the site before anything is rendered (the tests of
// trendParts).
func editionReport(d *model.Dataset, opt Options, r calendar.Month, name string, adjust func(*site)) (map[string][]byte, loop.Side, error) {
	opt.Editions, opt.LastSides, opt.History, opt.BaseURL = nil, nil, nil, ""
	s, err := newSite(d, opt, &r)
	if err != nil {
		return nil, loop.Side{}, err
	}
	if adjust != nil {
		adjust(s)
	}
	i := -1
	for k, m := range s.months {
		if m == r {
			i = k
		}
	}
	if i < 0 {
		return nil, loop.Side{}, fmt.Errorf("render: edition %s of %s: the tree has no report %s", name, r, r)
	}
	ed := name
	s.reports[i].Edition = &ed
	dir := "reports/" + r.String() + "/" + name + "/"
	js, err := encodeJSON(s.reports[i])
	if err != nil {
		return nil, loop.Side{}, err
	}
	out := map[string][]byte{dir + "report.json": js, dir + "hazards.csv": s.hazardsCSV(r.Add(-1), "", loop.AsOfFor(r, opt.AsOf))}
	p := s.reportPage(i)
	p.Edition, p.BuiltinNote = name, opt.BuiltinNote
	p.Head.Draft, p.Head.Edition, p.Head.Published = false, name, dateCN(opt.AsOf)
	title := fmt.Sprintf("%s 隐患处置月报（第%s版）", monthCN(r), editionNumber(name))
	if err := s.emit(dir+"index.html", "report.html", title, "reports", p); err != nil {
		return nil, loop.Side{}, err
	}
	out[dir+"index.html"] = s.files[dir+"index.html"]
	if out[dir+"report.xlsx"], err = s.reportXLSX(i, p); err != nil { // the page links it (issue 6)
		return nil, loop.Side{}, err
	}
	return out, s.tl.Side(r, opt.AsOf, s.reports[i]), nil
}

// editionRow is one edition in the list on a live report page.
type editionRow struct {
	Name, Href, Published, Commit, Tagger, Message string
	Forced                                         bool
	Changes                                        *changesView // from the previous edition
	Skipped                                        string       // Edition.Skipped: not rendered, no link
}

// changesView is "what changed" between two inputs of a report, for a page.
type changesView struct {
	From, To         string
	TimeNote         string // when the two sides were evaluated at different instants
	Empty            bool
	Added, Removed   []string
	Status           []statusChangeRow
	Figures          []figureRow
	Submissions      []subChangeRow
	AddedN, RemovedN int
}

type statusChangeRow struct{ ID, Town, From, To string }

type figureRow struct{ Label, Town, From, To, Delta string }

type subChangeRow struct{ Form, Month, Submitter, From, To string }

func (s *site) changesView(c *loop.Changes, from, to string) *changesView {
	if c == nil {
		return nil
	}
	v := &changesView{From: from, To: to, Empty: c.Empty(), Added: c.Added, Removed: c.Removed,
		AddedN: len(c.Added), RemovedN: len(c.Removed)}
	if c.TimeMoved() {
		v.TimeNote = fmt.Sprintf("注意：两者的统计截止时间不同（%s 截至 %s，%s 截至 %s），下面的变化有一部分是时间推移（整改期限、汇总表截止时间到期）造成的，不全是数据更新。",
			from, timeCN(c.AsOfA), to, timeCN(c.AsOfB))
	}
	for _, x := range c.Status {
		v.Status = append(v.Status, statusChangeRow{ID: x.ID, Town: s.townName(x.Town),
			From: loop.ClassLabel[x.From], To: loop.ClassLabel[x.To]})
	}
	for _, f := range c.Figures {
		r := figureRow{Label: f.Label, Town: "全区"}
		if f.Town != "" {
			r.Town = s.townName(f.Town)
		}
		if f.Rate {
			r.From, r.To = fmt.Sprintf("%.1f%%", f.From*100), fmt.Sprintf("%.1f%%", f.To*100)
			r.Delta = fmt.Sprintf("%+.1f 个百分点", f.Delta()*100)
		} else {
			r.From, r.To, r.Delta = fmt.Sprintf("%.0f", f.From), fmt.Sprintf("%.0f", f.To), fmt.Sprintf("%+.0f", f.Delta())
		}
		v.Figures = append(v.Figures, r)
	}
	label := func(st string) string {
		if st == "" {
			return "（不应报）"
		}
		return loop.StatusLabel[st]
	}
	for _, x := range c.Submissions {
		v.Submissions = append(v.Submissions, subChangeRow{Form: formLabel[x.Form], Month: x.Month,
			Submitter: s.submitterName(x.Form, x.Submitter), From: label(x.From), To: label(x.To)})
	}
	return v
}

// editionsOf returns the rendered edition rows of report i, in order,
// every edition row of it (all: the rendered ones and the skipped ones,
// Edition.Skipped, in order of number) and the changes from the last
// rendered one (its side, opt.LastSides) to the live draft: report i as
// this site computed it, each side evaluated at its own as_of_R
// (loop.CompareSides).
func (s *site) editionsOf(i int) (rows, all []editionRow, draft *changesView) {
	period := s.months[i].String()
	last := ""
	for _, e := range s.opt.Editions {
		if e.Month != period {
			continue
		}
		r := editionRow{Name: e.Name, Href: e.Href(), Published: formatTime(e.Published), Commit: shortCommit(e.Commit),
			Tagger: s.m.text(e.Tagger), Message: s.m.text(e.Message), Forced: e.Forced, Skipped: e.Skipped}
		if e.Skipped != "" {
			r.Href = ""
			all = append(all, r)
			continue
		}
		if last != "" {
			r.Changes = s.changesView(e.Changes, last, e.Name)
		}
		rows = append(rows, r)
		all = append(all, r)
		last = e.Name
	}
	if last == "" {
		return nil, all, nil
	}
	side, ok := s.opt.LastSides[period]
	if !ok {
		return rows, all, nil
	}
	ch := loop.CompareSides(side.Side(), s.tl.Side(s.months[i], s.opt.AsOf, s.reports[i]))
	return rows, all, s.changesView(&ch, last, "实时草稿")
}

// sortedEditions returns the rendered editions of eds (not Skipped)
// newest first (for the feed).
func sortedEditions(eds []Edition) []Edition {
	var out []Edition
	for _, e := range eds {
		if e.Skipped == "" {
			out = append(out, e)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].Published.Equal(out[j].Published) {
			return out[i].Published.After(out[j].Published)
		}
		return out[i].Href() > out[j].Href()
	})
	return out
}
