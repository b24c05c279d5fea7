package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/layout"
	"lpg/internal/loop"
	"lpg/internal/masthead"
	"lpg/internal/model"
	"lpg/internal/workers"
	"lpg/templates"
)

// Options of a build.
type Options struct {
	Internal bool   // --internal: show personal data, mark every page 内部资料
	Commit   string // HEAD commit hash ("" when unknown)
	// Dirty: the work tree the site is built from has uncommitted changes,
	// so it is not exactly Commit; every data version note says so.
	Dirty    bool
	AsOf     time.Time     // as_of of the build
	Receipts loop.Receipts // receipt times (may be nil → unknown)
	Root     fs.FS         // the data repository root (its templates/ override dir, if present); meeting notes and data/report.md come from the model (Dataset.Meetings, Dataset.Masthead)

	// Editions are the published editions, sorted by month and number,
	// each already rendered from its own tree (EditionFiles); their files
	// are copied into the site unchanged.
	Editions []Edition
	// LastSides is, per report month with editions (2026-10), the side of
	// its last edition (loop.NewSide of the edition's input and report R):
	// the month's live page shows what changed from it to this build (the
	// live draft), compared with the report the page shows (issue 14: no
	// second timeline and report of the draft for the comparisons). Packed
	// (loop.PackedSide): a five-year build holds 60 of them.
	LastSides map[string]*loop.PackedSide
	// History is, per submission file, its revisions on the first-parent
	// chain (nil without git).
	History map[string][]model.Revision
	// Rows is, per 汇总表 file, every change of its rows on the
	// first-parent chain (history.Index.RowVersions; nil without git):
	// the town updates on each hazard's page. Only each version's Cells
	// are read, not its Fields (lpg build drops them: issue 14).
	Rows map[string][]model.RowVersion
	// BaseURL is the public address of the site (--base-url), used by
	// sitemap.xml (written only when set) and feed.xml.
	BaseURL string
	// ListCap is how many rows of a hazard list a page shows (the report's
	// 用户逾期 and 移交联合整治 lists and its open 重大 hazards, a
	// department's open hazards); 0 means listCap (100), which lpg always
	// uses. The browser tests set a few rows so that a small repository
	// shows the capped form of every list (its "本页列出…" note and link).
	ListCap int
	// BuiltinNote, when not empty, renders with the built-in templates
	// only (Root's templates/ are not read) and shows this note on an
	// edition's page (EditionReport): the edition's own templates could
	// not be used by this program (TemplateError; review round 3 G26).
	BuiltinNote string
}

// Site renders the whole site in memory: a map of slash path ("index.html",
// "reports/2026-11/report.json", …) to bytes. It is pure: it reads no clock
// and no machine path (only opt.Root), and the same inputs give identical
// bytes. Every relative link of every page points at a key of the map.
func Site(d *model.Dataset, opt Options) (map[string][]byte, error) {
	s, err := newLiveSite(d, opt)
	if err != nil {
		return nil, err
	}
	if err := s.run(); err != nil {
		return nil, err
	}
	return s.files, nil
}

// Build renders the site of d with opt into o (Create) as Site would, but
// puts each file on disk as soon as it is rendered and keeps no rendered
// file in memory: at five years of data the site is ~42,000 files, and
// holding them all until the end was most of a build's peak memory
// (issue 14). The files are those of Site(d, opt), byte for byte. The
// caller commits o, or aborts it on error.
func Build(o *SiteDir, d *model.Dataset, opt Options) error {
	s, err := newLiveSite(d, opt)
	if err != nil {
		return err
	}
	early := s.files // style.css, pack.css (loadTemplates)
	s.files, s.out = nil, o
	for _, p := range slices.Sorted(maps.Keys(early)) {
		s.put(p, early[p])
	}
	return s.run()
}

// run runs every step of the build of the live site.
func (s *site) run() error {
	for _, st := range steps {
		if err := st.run(s); err != nil {
			return err
		}
		if err := s.putErr(); err != nil {
			return err
		}
	}
	return nil
}

// newLiveSite prepares the build of the live site (not an edition): the
// meeting minutes read and the hazards that get a page chosen.
func newLiveSite(d *model.Dataset, opt Options) (*site, error) {
	s, err := newSite(d, opt, nil)
	if err != nil {
		return nil, err
	}
	if s.meetings, err = readMeetings(s.d.Meetings, s.m.text); err != nil {
		return nil, err
	}
	s.hazardLinks = s.hazardPages() // hazard.go; editions (EditionFiles) have none
	return s, nil
}

// step is one part of a build of the live site. Every file it writes lies
// in one of its areas — a file at the top of the site, or a top folder
// when the area ends in "/" — and nil areas mean any file: Pages runs
// only the steps whose areas hold the file asked for.
type step struct {
	areas []string
	run   func(*site) error
}

// steps are the parts of a build of the live site, in the order Site runs
// them.
var steps = []step{
	{[]string{"index.html", "reports/index.html"}, (*site).renderIndex},
	{[]string{"reports/"}, (*site).renderReports},
	{[]string{"towns/"}, (*site).renderTowns},
	{[]string{"liaisons/"}, (*site).renderLiaisons},
	{[]string{"meetings/"}, func(s *site) error { return s.renderMeetings(s.meetings) }},
	{[]string{"files/"}, (*site).renderFiles},
	{[]string{"reports/"}, (*site).renderReportWorkbooks}, // issue 6: xlsx.go
	{[]string{"types/"}, (*site).renderTypes},             // catalogue.go
	{[]string{"enterprises/"}, (*site).renderEnterprises}, // catalogue.go
	{[]string{"departments/"}, (*site).renderDepartments}, // departments.go (issue 13)
	{[]string{"enterprises/"}, (*site).renderScorecards},  // scorecard.go (issue 13)
	{[]string{"lpg.js", "search/"}, (*site).renderSearch}, // search.go
	{[]string{"towns/"}, (*site).renderHazards},           // hazard.go
	{[]string{"reports/"}, (*site).copyEditions},
	{nil, (*site).runJobs},
	{[]string{"feed.xml", "sitemap.xml"}, (*site).renderFeeds}, // last: the sitemap lists every page
}

// holds reports whether file p (a slash path from the site root) lies in
// one of the step's areas.
func (st step) holds(p string) bool {
	if st.areas == nil {
		return true
	}
	for _, a := range st.areas {
		if p == a || strings.HasSuffix(a, "/") && strings.HasPrefix(p, a) {
			return true
		}
	}
	return false
}

// wants reports whether the file p is to be rendered: every file in a
// whole build, only the one asked for (site.want) in Pages. Steps call it
// before the work of one file, wantsIn before the work of a folder.
func (s *site) wants(p string) bool { return s.want == "" || s.want == p }

// wantsIn reports whether any file below folder dir (ending in "/") is to
// be rendered.
func (s *site) wantsIn(dir string) bool { return s.want == "" || strings.HasPrefix(s.want, dir) }

// newSite prepares a build: templates loaded, report months and reports
// computed. With only non-nil (an edition) report only is computed in
// full and of the months before it in trendWindow the parts trendParts
// says, which is all its page and workbook read; the other report months
// hold their Period alone.
func newSite(d *model.Dataset, opt Options, only *calendar.Month) (*site, error) {
	if d == nil || d.Ref == nil {
		return nil, errors.New("render: no dataset")
	}
	// Everything known at as_of (DESIGN.md "Time"): the rows of a file
	// received after as_of are left out of every page, as from report.json.
	tree := d
	d = loop.Known(d, opt.Receipts, opt.AsOf)
	s := &site{d: d, tree: tree, opt: opt, m: masker{internal: opt.Internal}, files: map[string][]byte{}}
	if err := s.loadTemplates(); err != nil {
		return nil, err
	}
	s.masthead = masthead.Default // data/report.md as validate read it (model), else the default
	if d.Masthead != nil {
		s.masthead = *d.Masthead
	}
	s.months = reportMonths(d, opt)
	s.tl = loop.NewTimeline(d, opt.Receipts)
	s.versions = sync.OnceValue(s.rowVersionsByID)
	s.reports = make([]loop.Report, len(s.months))
	for i, r := range s.months {
		p := loop.AllParts
		if only != nil {
			if !trendWindow(r, *only) {
				s.reports[i] = loop.Report{Period: r.String()}
				continue
			}
			p = trendParts(r, *only)
		}
		s.reports[i] = s.tl.ReportParts(opt.Receipts, r, opt.AsOf, opt.Commit, p)
	}
	s.listOnce = make([]sync.Once, len(s.months))
	s.monthLists = make([]*monthLists, len(s.months))
	s.pageOnce = make([]sync.Once, len(s.months))
	s.reportPages = make([]reportPage, len(s.months))
	return s, nil
}

// trendWindow reports whether an edition of report only reads report r:
// the trendMonths months of its trend, up to only, and the month before
// the first of them, whose 排查表 say whether the first point's cohort has
// data (loop.Trend: CohortNoData reads the NewMissing of the report
// before). Without that month an edition's first trend point showed a
// cohort of 0 as a figure where the live page of the same month says
// 排查表未收到 (found in the review of issue 14's lighter editions).
func trendWindow(r, only calendar.Month) bool {
	return r.Compare(only) <= 0 && r.Compare(only.Add(-trendMonths)) >= 0
}

// trendParts are the parts (loop.Parts) of report r that an edition of
// report only computes, r one of the trendMonths months up to only: every
// part of only, whose page, report.json, hazards.csv and report.xlsx it
// renders. Of the months before, its page reads only figures every report
// has — the trend (loop.Trend: counts, submissions, incomplete), the
// coverage trend (inspections, incomplete_inspections), the comparisons of
// the summary with the month before (new_hazards' total, incomplete,
// submissions) — and the departments of the month before (deptSection:
// the change of each department's open hazards); no breakdown by town or
// severity, no id list, no chronic households and no scorecard
// (issue 14: these were half of an edition's reports).
// TestEditionTrendParts renders editions with every part of these months
// and with the parts left out filled with another month's, byte for byte.
func trendParts(r, only calendar.Month) loop.Parts {
	switch r {
	case only:
		return loop.AllParts
	case only.Add(-1):
		return loop.PartDepartments
	}
	return 0
}

// reportMonths are the report months of the site: loop.ReportMonths up to
// the month of the as_of, and on to the month of the latest edition when
// an edition was published for a later month (lpg publish --force before
// anything was committed in it; review F22: its page, its listing and the
// links of its edition pages to the month's page were missing). Such a
// month's live page is the draft at the build's as_of.
func reportMonths(d *model.Dataset, opt Options) []calendar.Month {
	months := loop.ReportMonths(d, opt.AsOf)
	if len(months) == 0 {
		return months
	}
	for _, e := range opt.Editions {
		if e.Skipped != "" {
			continue
		}
		m, err := calendar.ParseMonth(e.Month)
		if err != nil {
			continue
		}
		for last := months[len(months)-1]; last.Compare(m) < 0; last = last.Add(1) {
			months = append(months, last.Add(1))
		}
	}
	return months
}

// ErrStoredEdition is the error of Pages for an edition file stored on
// disk (Edition.Stored) that can no longer be read — its persistent cache
// was removed or pruned under a running lpg serve (review round 6 F3). It
// does not match fs.ErrNotExist: the page exists, its stored copy is gone,
// and the editions must be rendered again.
var ErrStoredEdition = errors.New("render: the stored file of an edition cannot be read")

// copyEditions puts the files of every edition into the site as they were
// rendered: those in memory (Edition.Files) as they are, those stored on
// disk (Edition.Stored) hard-linked into the output directory by a build
// (SiteDir.Link) or read when Pages is asked for one. An edition path
// never collides with a live page.
func (s *site) copyEditions() error {
	for _, e := range s.opt.Editions {
		for p, b := range e.Files {
			if s.has(p) {
				return fmt.Errorf("render: edition %s %s: %q is already a page of the site", e.Month, e.Name, p)
			}
			s.put(p, b)
		}
		for _, p := range slices.Sorted(maps.Keys(e.Stored)) {
			if !s.wants(p) {
				continue
			}
			if s.has(p) {
				return fmt.Errorf("render: edition %s %s: %q is already a page of the site", e.Month, e.Name, p)
			}
			if s.out != nil {
				if err := s.out.Link(p, e.Stored[p]); err != nil {
					return err
				}
				continue
			}
			b, err := os.ReadFile(e.Stored[p])
			if err != nil {
				return fmt.Errorf("render: edition %s %s: %w (%v)", e.Month, e.Name, ErrStoredEdition, err)
			}
			if name := filepath.Base(e.Stored[p]); len(name) == sha256.Size*2 && fmt.Sprintf("%x", sha256.Sum256(b)) != name {
				// a blob named by its SHA-256 that was changed in place,
				// e.g. through a site file hard-linked to it (review round 7 R2)
				return fmt.Errorf("render: edition %s %s: %w (%s changed)", e.Month, e.Name, ErrStoredEdition, e.Stored[p])
			}
			s.files[p] = b
		}
	}
	return nil
}

// site is one build in progress.
type site struct {
	d *model.Dataset
	// tree is the whole dataset of the tree, before loop.Known: the
	// 预填汇总表 pre-fills the town's rows as the repository holds them,
	// whatever their receipt (adversarial review G7).
	tree *model.Dataset
	opt  Options
	m    masker
	// files holds the rendered files (Site, Pages, editions) unless out
	// is set (Build): then each is written there at once.
	files   map[string][]byte
	out     *SiteDir
	layout  *template.Template
	pages   map[string]*template.Template
	months  []calendar.Month // report months, ascending
	reports []loop.Report    // report of months[i]
	// tl is the timeline of d: every hazard's status over time, worked
	// out once for all report months (issue 14).
	tl *loop.Timeline
	// monthLists[i] are the hazard lists of report i and reportPages[i]
	// its page data, each worked out once on first use (listOnce[i],
	// pageOnce[i]: workbooks are rendered concurrently).
	listOnce    []sync.Once
	monthLists  []*monthLists
	pageOnce    []sync.Once
	reportPages []reportPage
	jobs        []job // slow files (workbooks) rendered on all CPUs by runJobs
	// hazardLinks is hazard id → its page from the site root, for the
	// hazards that have one (hazard.go); empty in an edition.
	hazardLinks map[string]string
	masthead    masthead.Config // the formal wrapper of the 月报 (data/report.md)
	meetings    []meeting       // the meeting minutes (live site only)
	// versions returns the 汇总表 row versions by hazard id
	// (rowVersionsByID), worked out once.
	versions func() map[string][]townVersion

	// want is the one file to render ("" every file): Pages renders a
	// file in a copy of a prepared site (fork) with want set, so what
	// forks share — the fields above, the sync.Once results, the parsed
	// page templates (pagesMu) — is read-only or guarded.
	want    string
	pagesMu *sync.Mutex // guards pages
}

// job renders one file from data that no longer changes.
type job struct {
	path string
	fn   func() ([]byte, error)
}

// later queues a file to be rendered by runJobs (unless another file is
// wanted).
func (s *site) later(path string, fn func() ([]byte, error)) {
	if !s.wants(path) {
		return
	}
	s.jobs = append(s.jobs, job{path, fn})
}

// runJobs renders the queued files on all CPUs (each job only reads the
// site's data) and stores them, each as soon as it is rendered when the
// site is written to disk; the first error in queue order wins.
func (s *site) runJobs() error {
	out := make([][]byte, len(s.jobs))
	errs := make([]error, len(s.jobs))
	workers.Each(len(s.jobs), func(i int) {
		out[i], errs[i] = s.jobs[i].fn()
		if errs[i] == nil && s.out != nil {
			s.put(s.jobs[i].path, out[i])
			out[i] = nil
		}
	})
	for i, j := range s.jobs {
		if errs[i] != nil {
			return fmt.Errorf("render: %s: %w", j.path, errs[i])
		}
		if s.out == nil {
			s.files[j.path] = out[i]
		}
	}
	s.jobs = nil
	return nil
}

// put stores the rendered file p: in s.files, or on disk through s.out,
// which keeps its first error (SiteDir.Put); run returns it after the
// step.
func (s *site) put(p string, b []byte) {
	if s.out == nil {
		s.files[p] = b
		return
	}
	_ = s.out.Put(p, b)
}

// putErr is the first error of put (nil when the site is in memory).
func (s *site) putErr() error {
	if s.out == nil {
		return nil
	}
	return s.out.Err()
}

// has reports whether the file p was stored.
func (s *site) has(p string) bool {
	if s.out != nil {
		return s.out.has(p)
	}
	_, ok := s.files[p]
	return ok
}

// paths lists the files stored so far, sorted.
func (s *site) paths() []string {
	if s.out != nil {
		return s.out.paths()
	}
	return slices.Sorted(maps.Keys(s.files))
}

// frame is what layout.html receives: the page's own data is in Page.
type frame struct {
	Title    string
	Root     string // relative path from the page to the site root: "", "../", "../../"
	Nav      string // active navigation entry: home, reports, towns, liaisons, meetings, files, types, enterprises, search
	Internal bool
	Commit   string // 12 characters of the commit, or 未知
	AsOf     string // as_of in Asia/Shanghai, 2006-01-02 15:04, or 未知
	// Doc marks a 月报 page: it carries its own document head and the data
	// version in a small note at its end, so the layout shows neither the
	// footer's commit nor (in print) the page title (issue 9).
	Doc bool
	// CSS is a style sheet of the page kind beside style.css, from the
	// site root ("" none): kept out of style.css, which every page loads.
	CSS  string
	Page any
}

// labelledRows is what the partials of repeated tables receive: the rows
// and the accessible name of their scroll region (a page may hold several
// tables of one kind, each needs its own name).
type labelledRows struct {
	Label string
	Rows  any
}

// funcs are the template functions besides the built-in ones:
// labelled "名称" rows → labelledRows.
var funcs = template.FuncMap{
	"labelled": func(label string, rows any) labelledRows { return labelledRows{label, rows} },
}

// loadTemplates reads style.css and parses layout.html with partials.html, each from the data
// repository's templates/ when present there, else the embedded default.
func (s *site) loadTemplates() error {
	css, err := s.source("style.css")
	if err != nil {
		return err
	}
	s.files["style.css"] = compactCSS(css)
	if s.files["pack.css"], err = s.source("pack.css"); err != nil {
		return err
	}
	src, err := s.source("layout.html")
	if err != nil {
		return err
	}
	s.layout, err = template.New("layout.html").Funcs(funcs).Parse(string(src))
	if err != nil {
		return &TemplateError{Name: "layout.html", Err: err}
	}
	for _, name := range []string{"partials.html", "due.html", "issue13.html", "departments.html"} {
		if src, err = s.source(name); err != nil {
			return err
		}
		if _, err := s.layout.New(name).Parse(string(src)); err != nil {
			return &TemplateError{Name: name, Err: err}
		}
	}
	s.pages = map[string]*template.Template{}
	s.pagesMu = &sync.Mutex{}
	return nil
}

// ReadsTemplate reports whether a build reads the file at root-relative
// slash path p of the data repository: templates/<name> for the name of an
// embedded template file (style.css, report.html, lpg.js, …), which then
// overrides it (source). Nothing else under templates/ is read. The G32
// mark of lpg build judges these files with layout.Reads (review round 4
// H5, H12).
func ReadsTemplate(p string) bool {
	name, ok := strings.CutPrefix(p, layout.TemplatesDir+"/")
	if !ok || !fs.ValidPath(name) || name == "." || strings.Contains(name, "/") {
		return false
	}
	st, err := fs.Stat(templates.FS, name)
	return err == nil && !st.IsDir()
}

// source returns the template file name: the override in
// <root>/templates/ when there is one, else the embedded default.
func (s *site) source(name string) ([]byte, error) {
	if s.opt.Root != nil && s.opt.BuiltinNote == "" {
		b, err := fs.ReadFile(s.opt.Root, path.Join(layout.TemplatesDir, name))
		if err == nil {
			return b, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("render: read template override %q: %w", name, err)
		}
	}
	b, err := fs.ReadFile(templates.FS, name)
	if err != nil {
		return nil, fmt.Errorf("render: template %q: %w", name, err)
	}
	return b, nil
}

// TemplateError is a template that does not parse, or fails on the page
// data of this program: Name is the page template (report.html) or the
// file that failed to parse, Out the page being rendered ("" when parsing),
// Err text/template's error, which names the file, line and column
// ("template: partials.html:24:213: executing …"). A tree's own templates/
// (an edition's, README 生成正式版本) may refer to a field that a later lpg
// renamed or an earlier one does not have yet (review round 3 G26).
type TemplateError struct {
	Name, Out string
	Err       error
}

func (e *TemplateError) Error() string {
	if e.Out != "" {
		return fmt.Sprintf("render: %s: %v", e.Out, e.Err)
	}
	return fmt.Sprintf("render: parse %s: %v", e.Name, e.Err)
}

func (e *TemplateError) Unwrap() error { return e.Err }

// templatePos matches the place text/template gives first in an error.
var templatePos = regexp.MustCompile(`template: ([^:\s]+):(\d+):(?:(\d+):)?`)

// Where is the template file, line and column (0 when not given) the
// error names, else Name, 0, 0.
func (e *TemplateError) Where() (file string, line, col int) {
	m := templatePos.FindStringSubmatch(e.Err.Error())
	if m == nil {
		return e.Name, 0, 0
	}
	line, _ = strconv.Atoi(m[2])
	col, _ = strconv.Atoi(m[3])
	return m[1], line, col
}

// page returns the layout combined with the page template name.
func (s *site) page(name string) (*template.Template, error) {
	s.pagesMu.Lock()
	defer s.pagesMu.Unlock()
	if t, ok := s.pages[name]; ok {
		return t, nil
	}
	src, err := s.source(name)
	if err != nil {
		return nil, err
	}
	t, err := s.layout.Clone()
	if err != nil {
		return nil, err
	}
	if _, err := t.New(name).Parse(string(src)); err != nil {
		return nil, &TemplateError{Name: name, Err: err}
	}
	s.pages[name] = t
	return t, nil
}

// emit renders the page template tmpl with data into the file out (a slash
// path from the site root), unless another file is wanted.
func (s *site) emit(out, tmpl, title, nav string, data any) error {
	if !s.wants(out) {
		return nil
	}
	t, err := s.page(tmpl)
	if err != nil {
		return err
	}
	f := frame{Title: title, Root: rootOf(out), Nav: nav, Internal: s.opt.Internal,
		Commit: s.dataVersion(), AsOf: formatAsOf(s.opt.AsOf), Doc: tmpl == "report.html", Page: data}
	if tmpl == "meetingpack.html" {
		f.CSS = "pack.css" // issue 12: the print of the 联席会议 pack
	}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, "layout.html", f); err != nil {
		return &TemplateError{Name: tmpl, Out: out, Err: err}
	}
	s.put(out, b.Bytes())
	return nil
}

// rootOf returns the relative path from the file p to the site root.
func rootOf(p string) string {
	var b bytes.Buffer
	for d := path.Dir(p); d != "."; d = path.Dir(d) {
		b.WriteString("../")
	}
	return b.String()
}

func shortCommit(c string) string {
	if c == "" {
		return "未知"
	}
	if len(c) > 12 {
		return c[:12]
	}
	return c
}

func formatAsOf(t time.Time) string {
	if t.IsZero() {
		return "未知"
	}
	return t.In(calendar.Shanghai).Format("2006-01-02 15:04")
}

// encodeJSON encodes v as report.json is written: two-space indent, no
// HTML escaping, trailing newline.
func encodeJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	e.SetIndent("", "  ")
	if err := e.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// dataVersion is the data version the pages name: 12 characters of the
// commit (shortCommit), with “（含未提交的修改）” when the work tree had
// uncommitted changes (Options.Dirty).
func (s *site) dataVersion() string {
	if s.opt.Dirty {
		return shortCommit(s.opt.Commit) + "（含未提交的修改）"
	}
	return shortCommit(s.opt.Commit)
}
