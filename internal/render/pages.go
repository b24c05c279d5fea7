package render

import (
	"io/fs"

	"lpg/internal/model"
)

// Pages renders the files of the live site one at a time, on demand: what
// `lpg serve` answers a request with (issue 14), so that after an edit the
// first request sees the new data without a whole build (minutes at five
// years of data).
//
// NewPages does the work every file shares — the data known at as_of,
// every report month's report and the timeline, the templates, the
// meeting minutes, which hazards get a page — and File renders one file:
// it runs, on a copy of that prepared site, only the build steps whose
// areas hold the file (step.areas: "towns/", "reports/", …), and inside
// them every other file is skipped before its work is done (site.want).
// What Site caches per report month (report pages, hazard lists) is worked
// out once per Pages and shared by all files.
//
// File(p) is byte for byte Site(d, opt)[p] for the same d and opt
// (TestPagesMatchSite renders every file of whole builds both ways); the
// same code writes the bytes. A Pages keeps no rendered file: the caller
// caches. It is safe for concurrent use.
type Pages struct {
	s *site
}

// NewPages prepares the live site of d with opt for File. Its errors are
// those of Site before the first page (a bad template override, unreadable
// meeting minutes or data/report.md).
func NewPages(d *model.Dataset, opt Options) (*Pages, error) {
	s, err := newLiveSite(d, opt)
	if err != nil {
		return nil, err
	}
	return &Pages{s: s}, nil
}

// File returns the file name of the site: a slash path from the site root
// without a leading slash, e.g. "index.html", "towns/310118102/index.html",
// "reports/2026-10/report.xlsx". A name that is not a file of the site
// (a folder included) gives an error wrapping fs.ErrNotExist; any other
// error is one Site would have returned.
//
// sitemap.xml (written only with Options.BaseURL) lists every page, so
// asking for it renders the whole site.
func (p *Pages) File(name string) ([]byte, error) {
	if b, ok := p.s.files[name]; ok { // style.css, pack.css (loadTemplates)
		return b, nil
	}
	want := name
	if name == "sitemap.xml" && p.s.opt.BaseURL != "" {
		want = ""
	}
	f := p.s.fork(want)
	for _, st := range steps {
		if want != "" && !st.holds(name) {
			continue
		}
		if err := st.run(f); err != nil {
			return nil, err
		}
	}
	if b, ok := f.files[name]; ok {
		return b, nil
	}
	return nil, &fs.PathError{Op: "render", Path: name, Err: fs.ErrNotExist}
}

// fork returns a copy of s that renders only the file want ("" every
// file) into a map of its own; what it shares with s is read-only or
// guarded (site.want).
func (s *site) fork(want string) *site {
	c := *s
	c.files = map[string][]byte{}
	c.jobs = nil
	c.want = want
	return &c
}
