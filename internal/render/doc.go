// Package render builds the static site of DESIGN.md "Site" from a
// validated model.Dataset: the dashboard, one page per report month with
// its report.json and hazards.csv, one page per town with its 派发清单 and
// pre-filled 汇总表 downloads, the liaison directory and the joint-meeting
// minutes (Markdown through goldmark). Site is pure — no clock, no machine
// paths, sorted everywhere — so the same inputs give the same bytes; Write
// puts the result on disk atomically. lpg build uses Build instead, which
// renders the same files straight into the temporary directory of that
// atomic write (SiteDir), so that no rendered file stays in memory
// (issue 14).
//
// Personal data (DESIGN.md "Site"): the default build is public, each
// column published as its schema's x-personal says and free text scanned
// for phones and house numbers (mask.go, package privacy);
// Options.Internal shows everything and marks every page 内部资料.
//
// render depends on model, loop, calendar, reference, csvio, form,
// privacy and the
// templates package; it knows nothing of flags, git or validation.
package render
