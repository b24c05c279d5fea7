package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"lpg/internal/buildcache"
	"lpg/internal/calendar"
	"lpg/internal/check"
	"lpg/internal/diag"
	"lpg/internal/history"
	"lpg/internal/loop"
	"lpg/internal/memlimit"
	"lpg/internal/model"
	"lpg/internal/reference"
	"lpg/internal/render"
	"lpg/internal/repository"
	"lpg/internal/validate"
)

type buildCmd struct {
	c        *Command
	root     rootFlag
	out      string
	asOf     string
	internal bool
	baseURL  string
	cache    cacheFlags
}

// Run validates, then renders the site to --out atomically. Invalid data:
// the diagnostics are printed and nothing is written (exit 1).
func (b *buildCmd) Run(_ context.Context, args []string) error {
	fs := newFlagSet(b.c, "build")
	b.root.register(fs)
	fs.StringVar(&b.out, "out", "site", "输出目录（相对于 --root）")
	fs.StringVar(&b.asOf, "as-of", "", "统计截止时间，RFC 3339（默认：HEAD 提交时间）")
	fs.BoolVar(&b.internal, "internal", false, "内部版：显示全部个人信息，每页标注“内部资料”")
	fs.StringVar(&b.baseURL, "base-url", "", "网站的公开地址（如 https://lpg.example.gov.cn/），用于 sitemap.xml 和 feed.xml")
	b.cache.register(fs)
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("build 不接受位置参数 %q", pos[0])
	}
	defer limitMemory()()
	bo := buildOptions{asOf: b.asOf, internal: b.internal, baseURL: b.baseURL}
	if err := b.cache.resolve(b.c, b.root, &bo); err != nil {
		return err
	}
	n, err := buildSite(b.c, b.root, b.root.abs(b.out), bo)
	if err != nil {
		return err
	}
	fmt.Fprintf(b.c.Stderr, "已生成 %d 个文件到 %s\n", n, b.root.abs(b.out))
	return nil
}

// buildMemoryLimit is the soft limit on the memory of the Go runtime
// (runtime/debug.SetMemoryLimit: heap, stacks and the runtime's own, in
// bytes) during lpg build. A build holds about 400 MB of live data at five
// years of data (the dataset, its history, the timeline and reports, the
// two workbooks being rendered; issue 14) and the collector lets the heap
// grow to twice its live size before it collects: 1.1 GB peak RSS without
// a limit (README 性能). Near the limit the collector runs sooner instead.
// A build with more live data (five years with 69 editions: their files
// are held until the site is written) raises the limit (memlimit.Next) rather
// than let the collector run nearly all the time: the limit alone doubled
// that build's CPU (56 → 313 CPU-s against 145 without it, 2026-12-02).
const buildMemoryLimit = 768 << 20

// limitMemory sets the soft memory limit of a build (memlimit.Follow:
// unless a lower one is in force, raised as the live heap grows) and
// returns the function that puts the previous limit back.
func limitMemory() (restore func()) { return memlimit.Follow(buildMemoryLimit, false) }

// buildOptions are the flags of a build.
type buildOptions struct {
	asOf     string // --as-of, "" for the HEAD commit time
	internal bool
	baseURL  string
	// keep, when not nil (lpg serve), carries what depends only on the
	// HEAD commit from one build to the next and receives the validated
	// data and the render options instead of the site being rendered and
	// written (out is then unused).
	keep *keep
	// cache is the root of the persistent cache (buildcache; --cache, or
	// Command.DefaultCache), "" for none.
	cache string
	// cacheDefault: cache is the default (Command.DefaultCache), not
	// --cache. It is used only when there are editions, and made first
	// (prepareDefaultCache); when it cannot be, the build goes on without
	// it and says so.
	cacheDefault bool
	// cacheErr: the default cache could not be found (cacheDefault, cache
	// ""); said only when there are editions.
	cacheErr error
	// out and root are the output directory ("" for lpg serve) and the
	// repository root, set by buildSite: the default cache must lie
	// outside both.
	out, root string
	// scratch, without a persistent cache, is the folder where a build
	// puts its editions' files (render.SiteDir.Scratch), "" for none (lpg
	// serve: they stay in memory).
	scratch string
}

// buildSite validates the repository and writes the site to out; it
// returns the number of files written. In a git repository receipt times
// come from receipts.csv, then from the first-parent history of HEAD, and
// every published edition is rendered from its own tree; in a plain
// directory receipt times come from receipts.csv only. A shallow clone is
// refused (history.ErrShallow).
func buildSite(c *Command, root rootFlag, out string, bo buildOptions) (int, error) {
	bo.out, bo.root = out, root.dir
	if bo.cache != "" && !bo.cacheDefault {
		if err := cacheOverlap(bo.cache, out, root.dir); err != nil {
			return 0, usagef("--cache %s %v：缓存中有内部版的住户信息，放在数据仓库里会被 git add 提交，放在输出目录里会在每次生成时被整个替换。请放在两者之外，如 ~/.cache/lpg-build（或不给 --cache，用默认缓存）", bo.cache, err)
		}
	}
	dir, err := root.fs()
	if err != nil {
		return 0, err
	}
	if bo.keep == nil {
		if err := checkOutDir(dir, out); err != nil {
			return 0, err
		}
	}
	repo, err := repository.Open(dir)
	if err != nil {
		return 0, err
	}
	defer repo.Close()
	res, err := c.load(repo, repo.Disk(), nil)
	if err != nil {
		return 0, err
	}
	if res.Diags.HasErrors() {
		sum := diag.NewSummary(res.Files, res.Rows, &res.Diags)
		sum.Warnings = nil
		_ = diag.WriteText(c.Stderr, sum)
		fmt.Fprintln(c.Stderr, "数据有错误，未生成网站（原有输出保持不变）。")
		return 0, errInvalid
	}
	// HEAD's first-parent history: nil outside git and without commits.
	ix, err := repo.History()
	if err != nil {
		return 0, err
	}
	var (
		commit string
		head   time.Time
	)
	if ix != nil {
		hc, err := repo.Head()
		if err != nil {
			return 0, err
		}
		commit, head = hc.Hash.String(), hc.Committer.When
	}
	var asOf time.Time
	switch {
	case bo.asOf != "":
		asOf, err = time.Parse(time.RFC3339, bo.asOf)
		if err != nil {
			return 0, usagef("--as-of %q 不是 RFC 3339 时间（如 2026-11-30T23:59:59+08:00）", bo.asOf)
		}
	case commit != "":
		asOf = head
		now := c.now()
		if latest, by := ix.Latest(now.Add(check.HeadSkew)); latest.After(head) {
			// a HEAD dated before an earlier commit of the main line
			// (a backdated fast-forward) must not move the site back
			asOf = latest
			fmt.Fprintf(c.Stderr, "警告：HEAD 提交 %s 的提交时间 %s 早于主线上之前的提交 %s（%s）：统计截止时间取主线上最晚的提交时间 %s，不随倒填的提交时间退回。\n",
				commit[:12], calendar.FormatTime(head), by[:12], calendar.FormatTime(latest), calendar.FormatTime(latest))
		}
		if future, by := ix.Latest(time.Time{}); future.Sub(now) > check.HeadSkew && by != commit {
			// lpg check refuses such commits in a pull request
			// (commit.head_future); one that got past it does not hold the
			// site's as_of in the future (review round 5, K1)
			fmt.Fprintf(c.Stderr, "警告：主线上的提交 %s 的提交时间 %s 晚于现在（%s）：统计截止时间不取它，取 %s；请核实该提交的时间。\n",
				by[:12], calendar.FormatTime(future), calendar.FormatTime(now), calendar.FormatTime(asOf))
		}
		if head.Sub(now) > check.HeadSkew {
			// lpg check refuses such a head (commit.head_future); a commit
			// pushed without the gate still moves the site's clock
			fmt.Fprintf(c.Stderr, "警告：HEAD 提交 %s 的提交时间 %s 晚于现在（%s）：统计截止时间按设计卡取 HEAD 提交的时间，网站会按将来的日期统计（截止时间提前算作已过）；请核实提交时间，或用 --as-of 指定统计截止时间。\n",
				commit[:12], calendar.FormatTime(head), calendar.FormatTime(now))
		}
	default:
		asOf = c.now()
		fmt.Fprintf(c.Stderr, "提示：%s 不是 git 仓库，统计截止时间取当前时间 %s；用 --as-of 可得到可复现的结果。\n", dir, calendar.FormatTime(asOf))
	}
	var receipts loop.Receipts = loop.ReceiptMap(res.Data.Receipts)
	opt := render.Options{Internal: bo.internal, Commit: commit, AsOf: asOf, Root: repo.Disk().FS(), BaseURL: bo.baseURL}
	if ix != nil && bo.keep == nil {
		// The site is built from the work tree, its footer names the HEAD
		// commit: with uncommitted changes to what it reads the two differ
		// (review round 3, G32; round 4 H5, H12: workTreeChanges). lpg
		// serve previews the work tree by design.
		g, err := repo.Git()
		if err != nil {
			return 0, err
		}
		clean, dirty, note, err := workTreeChanges(g)
		if err != nil {
			return 0, err
		}
		if !clean {
			opt.Dirty = true
			if note != "" {
				note += "。"
			}
			fmt.Fprintf(c.Stderr, "警告：工作区有未提交的修改（%s）：网站按工作区的数据生成，页脚的数据版本注明“含未提交的修改”；要发布可复现的网站，请先提交。%s\n", dirty, note)
		}
	}
	if ix != nil {
		rows, err := addedRows(ix, res.Data.Files, res.Data.Ref, res.Data.UpdateReceipts)
		if err != nil {
			return 0, err
		}
		receipts = loop.Chain{loop.Ledger{Lines: res.Data.Receipts, Channels: res.Data.ReceiptChannels, Git: ix}, ix, rows}
		bo.keep.at(commit)
	}
	// Each file goes to the temporary directory as soon as it is rendered
	// (render.Build), not held until the end (issue 14: at five years that
	// was most of the peak memory); the site replaces out only when every
	// file is written. Without --cache the editions' files go to its
	// scratch folder as they are rendered, to be hard-linked into the site.
	var o *render.SiteDir
	if bo.keep == nil {
		if o, err = render.Create(out, c.writeFile); err != nil {
			return 0, err
		}
		defer o.Abort()
		if bo.cache == "" || bo.cacheDefault {
			if bo.scratch, err = o.Scratch(); err != nil {
				return 0, err
			}
		}
	}
	if ix != nil && !noEditions {
		if opt.Editions, opt.LastSides, err = buildEditions(c, repo, ix, bo); err != nil {
			return 0, err
		}
	}
	// The files' histories only after the editions: the 汇总表 row
	// versions are about 100 MB at five years and an edition does not
	// read them (issue 14: peak memory of a cold build).
	if ix != nil {
		opt.History = map[string][]model.Revision{}
		opt.Rows = map[string][]model.RowVersion{}
		for _, f := range res.Data.Files {
			revs, err := bo.keep.revisions(ix, f.Path)
			if err != nil {
				return 0, err
			}
			opt.History[f.Path] = revs
			if f.Form == model.FormRectifications {
				vs, err := bo.keep.rowVersions(ix, f.Path)
				if err != nil {
					return 0, err
				}
				opt.Rows[f.Path] = cellsOnly(vs)
			}
		}
	}
	opt.Receipts = receipts
	if bo.keep != nil {
		bo.keep.data, bo.keep.opt = res.Data, opt
		return 0, nil
	}
	if err := render.Build(o, res.Data, opt); err != nil {
		return 0, err
	}
	if err := o.Put(siteMarker, []byte(siteMarkerText)); err != nil {
		return 0, err
	}
	n := o.Len()
	if err := o.Commit(); err != nil {
		return 0, err
	}
	return n, nil
}

// cellsOnly is vs with each version's Fields dropped (set to nil; vs is
// changed in place and returned): the site reads a 汇总表 row version's
// Cells (the town updates on a hazard's page), never its Fields, a second
// map of the same cells by field key that took about a third of the row
// versions' memory at five years (issue 14).
func cellsOnly(vs []model.RowVersion) []model.RowVersion {
	for i := range vs {
		vs[i].Fields = nil
	}
	return vs
}

// buildEditions renders every published edition from its tagged tree and
// computes what changed between consecutive editions of a month; sides is
// the side of each month's last edition, from which render compares the
// month's live report (render.Options.LastSides).
func buildEditions(c *Command, repo *repository.Repo, ix *history.Index, bo buildOptions) ([]render.Edition, map[string]*loop.PackedSide, error) {
	eds, skipped, err := repo.Tags()
	if err != nil {
		return nil, nil, err
	}
	for _, w := range skipped {
		fmt.Fprintln(c.Stderr, "警告："+w)
	}
	out, last, err := bo.keep.editions(eds, func() ([]render.Edition, map[calendar.Month]editionSide, error) {
		return renderEditions(c, repo, ix, eds, bo)
	})
	if err != nil {
		return nil, nil, err
	}
	sides := make(map[string]*loop.PackedSide, len(last))
	for m, ed := range last {
		sides[m.String()] = ed
	}
	return out, sides, nil
}

// editionSide is what the comparisons read of the last edition of a report
// month: a loop.Side, a fraction of the edition's whole dataset, packed
// (its strings shared with the other editions' sides: issue 14, 69 sides
// decoded from the cache were about 280 MB of a five-year build).
type editionSide = *loop.PackedSide

// renderEditions renders the editions eds, each from its tagged tree, with
// what changed between consecutive editions of a month; last is each
// month's last edition. An edition whose commit is neither on HEAD's
// first-parent chain (ix) nor on that of the main line (origin/main, else
// main, master: repository.Mainline) — published off the main line,
// adversarial review G9 — or whose tree does not validate (G5) is not
// rendered: it is listed
// with the reason (skippedEdition) and a warning goes to stderr. An
// edition found in the persistent cache (bo.cache) is neither validated
// nor rendered: its files and its side come from there; the others are put
// there.
func renderEditions(c *Command, repo *repository.Repo, ix *history.Index, eds []history.Edition, bo buildOptions) (out []render.Edition, last map[calendar.Month]editionSide, err error) {
	var disk, scratch *buildcache.Cache
	if bo.cacheDefault {
		bo.cache = defaultCache(c, bo, len(eds))
	}
	st := cacheStats{dir: bo.cache, editions: len(eds)}
	if bo.cache != "" {
		if disk, st.openErr = buildcache.Open(bo.cache); st.openErr != nil {
			disk = nil // the program cannot be read: build without the cache
		}
		var merr error
		if st.pruned, merr = disk.Maintenance(); merr != nil {
			fmt.Fprintf(c.Stderr, "警告：整理缓存目录 %s 时出错（不影响本次生成）：%v\n", bo.cache, merr)
		}
		if bo.keep == nil {
			defer func() {
				if err == nil {
					fmt.Fprintln(c.Stderr, st.String())
				}
			}()
		}
	}
	if bo.scratch != "" {
		scratch = buildcache.Scratch(bo.scratch)
	}
	last = map[calendar.Month]editionSide{}
	strs := loop.NewSideStrings() // the strings of every side in last, once
	cache := validate.NewCache()  // editions share most files with the one before (issue 14)
	if noEditionCache {
		cache = nil
	}
	// The main line (repository.Mainline, as lpg publish finds it): a
	// build at an older commit of it (the workflow run for an edition tag)
	// still renders the editions published on it after that commit.
	_, mainTip, err := repo.Mainline("")
	if errors.Is(err, repository.ErrNoMainline) {
		mainTip, err = nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	for _, e := range eds {
		_, on := ix.At(e.Commit.Hash)
		if !on && mainTip != nil {
			if on, err = repo.OnFirstParentChain(mainTip, e.Commit); err != nil {
				return nil, nil, err
			}
		}
		if !on {
			fmt.Fprintf(c.Stderr, "警告：版本 %s 所在提交 %s 不在主线（HEAD 或主线分支的第一父提交链）上，数据未经审核合并，跳过该版本。\n", e.Tag, e.Commit.Hash.String()[:12])
			out = append(out, skippedEdition(e, "标签所在提交不在主线上，数据未经审核合并，未生成"))
			st.offMain++
			continue
		}
		key := editionKey(e, bo.internal)
		ent, stored, ok := cachedEdition(disk, key)
		if ok {
			editionDiskHits++
			st.hits++
		} else {
			st.rendered++
			var files map[string][]byte
			files, ent.Side, ent.Warning, err = renderEdition(repo, ix, e, bo.internal, cache)
			if errors.Is(err, errInvalid) {
				ent = editionEntry{Invalid: true}
			} else if err != nil {
				return nil, nil, fmt.Errorf("edition %s: %w", e.Tag, err)
			}
			if disk != nil {
				if stored = storeEdition(disk, key, &ent, files); stored == nil {
					st.unstored++
				}
			} else {
				stored = scratchEdition(scratch, files)
			}
			if stored == nil { // no cache, or one that cannot be written
				ent.Files = files
			}
		}
		if ent.Invalid {
			fmt.Fprintf(c.Stderr, "警告：版本 %s 所在提交的数据有错误，跳过该版本。\n", e.Tag)
			out = append(out, skippedEdition(e, "标签所在提交的数据有错误，未生成"))
			continue
		}
		if ent.Warning != "" {
			fmt.Fprintln(c.Stderr, "警告："+ent.Warning)
		}
		re := render.Edition{Month: e.Month.String(), Name: e.Name(), Commit: e.Commit.Hash.String(),
			Published: e.Published, Tagger: e.Tagger, Message: e.Note(), Forced: e.Forced, Files: ent.Files, Stored: stored}
		if prev, ok := last[e.Month]; ok {
			ch := loop.CompareSides(prev.Side(), ent.Side)
			re.Changes = &ch
		}
		last[e.Month] = strs.Pack(ent.Side)
		out = append(out, re)
	}
	if cache != nil {
		editionCacheHits = cache.Hits()
	}
	return out, last, nil
}

// cacheStats is what the persistent cache did for the editions of one
// lpg build --cache, printed as one line after them (String).
type cacheStats struct {
	dir      string // --cache, absolute
	openErr  error  // buildcache.Open failed: no cache
	editions int    // published editions (report/YYYY-MM/vN tags)
	offMain  int    // not on the main line: neither rendered nor cached
	hits     int    // taken from the cache (not validated, not rendered)
	rendered int    // validated and rendered (and stored unless unstored)
	unstored int    // rendered but not written to the cache
	pruned   []string
}

// String is the line lpg build --cache prints on stderr after the
// editions, e.g. 已发布版本 69 个：68 个取自缓存（/home/runner/.cache/lpg-build），1 个新生成.
func (s cacheStats) String() string {
	if s.openErr != nil {
		return fmt.Sprintf("已发布版本 %d 个：缓存 %s 不可用（%v），%d 个新生成", s.editions, s.dir, s.openErr, s.rendered)
	}
	var b strings.Builder
	if s.editions == 0 {
		fmt.Fprintf(&b, "没有已发布版本，缓存（%s）未用到", s.dir)
	} else {
		fmt.Fprintf(&b, "已发布版本 %d 个：%d 个取自缓存（%s），%d 个新生成", s.editions, s.hits, s.dir, s.rendered)
	}
	if s.offMain > 0 {
		fmt.Fprintf(&b, "，%d 个不在主线上、未生成", s.offMain)
	}
	if s.unstored > 0 {
		fmt.Fprintf(&b, "，%d 个未能存入缓存", s.unstored)
	}
	if len(s.pruned) > 0 {
		fmt.Fprintf(&b, "；已删除 %d 个不再使用的旧版 lpg 缓存目录", len(s.pruned))
	}
	return b.String()
}

// skippedEdition is edition e, not rendered for reason (Chinese), as the
// month's live page lists it: reason and the short commit (render.Edition
// Skipped; adversarial review G5, G9).
func skippedEdition(e history.Edition, reason string) render.Edition {
	return render.Edition{Month: e.Month.String(), Name: e.Name(), Commit: e.Commit.Hash.String(),
		Published: e.Published, Tagger: e.Tagger, Message: e.Note(), Forced: e.Forced,
		Skipped: reason + "（提交 " + e.Commit.Hash.String()[:12] + "）"}
}

// editionEntry is what a build keeps of an edition, and stores in the
// persistent cache: its side and its files — in the cache each file is a
// blob (Blobs: site path → blob), in memory (Files) only without a
// writable cache — or that its tree does not validate.
type editionEntry struct {
	Invalid bool
	Warning string // rendered with the built-in templates: why (builtinNotes)
	Blobs   map[string]buildcache.BlobRef
	Side    loop.Side
	Files   map[string][]byte `gob:"-"`
}

// cachedEdition is the entry of key in the persistent cache and the files
// of its blobs (site path → file to hard-link), when the entry and every
// blob are there and whole (buildcache.Blob hashes each file, reading it
// through a small buffer: nothing of the edition is held in memory); ok
// false otherwise.
func cachedEdition(disk *buildcache.Cache, key string) (ent editionEntry, stored map[string]string, ok bool) {
	if !disk.Get(key, &ent) {
		return editionEntry{}, nil, false
	}
	if ent.Invalid {
		return ent, nil, true
	}
	stored = make(map[string]string, len(ent.Blobs))
	for p, ref := range ent.Blobs {
		f, ok := disk.Blob(ref)
		if !ok {
			return editionEntry{}, nil, false
		}
		stored[p] = f
	}
	return ent, stored, true
}

// scratchEdition puts the files of a rendered edition into the build's
// scratch cache as blobs and returns their files (site path → file), or
// nil when scratch is nil or a blob could not be written.
func scratchEdition(scratch *buildcache.Cache, files map[string][]byte) map[string]string {
	if scratch == nil {
		return nil
	}
	stored := make(map[string]string, len(files))
	for p, b := range files {
		_, file, err := scratch.PutBlob(b)
		if err != nil {
			return nil
		}
		stored[p] = file
	}
	return stored
}

// storeEdition puts the files of a rendered edition into the persistent
// cache as blobs and ent (with their references) as the entry of key; it
// returns the blob files (site path → file), or nil when there is no cache
// or a blob could not be written (the files then stay in memory). A cache
// that cannot be written only costs time.
func storeEdition(disk *buildcache.Cache, key string, ent *editionEntry, files map[string][]byte) map[string]string {
	if disk == nil {
		return nil
	}
	var stored map[string]string
	if !ent.Invalid {
		ent.Blobs = make(map[string]buildcache.BlobRef, len(files))
		stored = make(map[string]string, len(files))
		for p, b := range files {
			ref, file, err := disk.PutBlob(b)
			if err != nil {
				return nil
			}
			ent.Blobs[p], stored[p] = ref, file
		}
	}
	if disk.Put(key, *ent) != nil {
		return nil
	}
	return stored
}

// editionKey is the persistent cache key of edition e: what its files and
// side depend on besides the program (which versions the cache) — the
// tagged commit, which fixes its tree and its history, the month and
// number, the publication time (its as_of) and the public or internal
// version.
func editionKey(e history.Edition, internal bool) string {
	return fmt.Sprintf("edition\x00%s\x00%s\x00%s\x00%d\x00%s\x00%t", e.Commit.Hash, e.Month, e.Name(),
		e.Published.UnixNano(), e.Published.Format(time.RFC3339Nano), internal)
}

// noEditionCache turns the per-file validation cache of editions off, and
// editionCacheHits counts the files the last build took from it (a test
// compares the two builds).
//
// noEditions leaves the editions out of a build (BenchmarkBuildYears
// measures a build with and without them).
//
// editionDiskHits counts the editions builds took from the persistent
// cache (a test builds cold, then warm).
var (
	noEditions       = false
	noEditionCache   = false
	editionCacheHits = 0
	editionDiskHits  = 0
)

// renderEdition reads the tree of edition e through go-git (no checkout),
// validates it (through cache, which may be nil) and renders its report
// with that tree's templates, its receipts.csv chained before the history
// of its own commit, and as_of = the publication time. errInvalid: the
// tree does not validate. When the tree's templates cannot be used by this
// program (render.TemplateError), the edition is rendered with the
// built-in ones and warning says so (builtinNotes).
func renderEdition(repo *repository.Repo, ix *history.Index, e history.Edition, internal bool, cache *validate.Cache) (files map[string][]byte, side loop.Side, warning string, err error) {
	v, ok := ix.At(e.Commit.Hash)
	if !ok {
		var err error
		if v, err = repo.Scan(e.Commit); err != nil {
			return nil, loop.Side{}, "", err
		}
	}
	tree, err := repo.At(e.Commit)
	if err != nil {
		return nil, loop.Side{}, "", err
	}
	res, err := tree.Load(validate.Options{Cache: cache})
	if errors.Is(err, validate.ErrNoData) {
		return nil, loop.Side{}, "", errInvalid
	}
	if err != nil {
		return nil, loop.Side{}, "", err
	}
	if res.Diags.HasErrors() {
		return nil, loop.Side{}, "", errInvalid
	}
	rows, err := addedRows(v, res.Data.Files, res.Data.Ref, res.Data.UpdateReceipts)
	if err != nil {
		return nil, loop.Side{}, "", err
	}
	opt := render.Options{Internal: internal, Commit: e.Commit.Hash.String(),
		AsOf: e.Published, Receipts: loop.Chain{loop.Ledger{Lines: res.Data.Receipts, Channels: res.Data.ReceiptChannels, Git: v}, v, rows}, Root: tree.FS()}
	files, side, err = render.EditionReport(res.Data, opt, e.Month, e.Name())
	var te *render.TemplateError
	if !errors.As(err, &te) {
		return files, side, "", err
	}
	warning, opt.BuiltinNote = builtinNotes(e.Tag, te)
	files, side, err = render.EditionReport(res.Data, opt, e.Month, e.Name())
	return files, side, warning, err
}

// builtinNotes are the warning of a build and the note on the edition's
// page when the templates/ of edition tag cannot be used by this program
// (te; review round 3 G26): the edition is rendered with the built-in
// templates instead, its data and as_of unchanged.
func builtinNotes(tag string, te *render.TemplateError) (warning, note string) {
	file, line, col := te.Where()
	at := "templates/" + file
	if line > 0 {
		at += fmt.Sprintf(" 第 %d 行", line)
		if col > 0 {
			at += fmt.Sprintf("第 %d 列", col)
		}
	}
	warning = fmt.Sprintf("版本 %s 所在提交的模板 %s 不能用本程序生成（%v），已改用程序内置的模板生成该版本，数据和统计截至时间不变；"+
		"要按该版本自己的模板生成，请用发布它时的 lpg 构建，或在该版本的模板中改正此处。", tag, at, te.Err)
	note = fmt.Sprintf("说明：本版本所在提交的模板（%s）与生成本网站的 lpg 程序不兼容，本页改用程序内置的模板生成；数据、统计截至时间和结论与发布时相同，版式可能略有不同。", at)
	return warning, note
}

// addedRows is the receipt of every 排查表 row that a version after the
// file's first added (逾期补报), or whose 街镇 a version after the first
// changed (a hazard moved to another town by a correction: adversarial
// review F11): the time the version that added the row, or in which its
// 街镇 took its current value, reached the main line
// (history.Index.RowVersions), so the town's deadline for the hazard runs
// from then (loop.TownDue; README "设计卡未规定之处的决定", 街镇期限). The
// rows of a file's first version whose 街镇 never changed are received
// with the file and are not listed; a file with one version is not read.
// A 街镇 is compared as ref resolves it (name or code alike). A version's
// time is that of its commit on the main line, or the receipts.csv update
// line naming the commit (updates: model.Dataset.UpdateReceipts, the
// creation time of the pull request it merged) when there is one, earlier
// or later (review round 3, G16: rows sent in a pull request opened before
// the deadline and merged after it are not late; a committer date forged
// before the deadline and merged by fast-forward does not make them on
// time — the forge's record wins, as for files in loop.Ledger).
func addedRows(ix *history.Index, files []model.File, ref *reference.Data, updates map[string]map[string]time.Time) (loop.RowMap, error) {
	out := loop.RowMap{}
	for _, f := range files {
		if f.Form != model.FormHazards {
			continue
		}
		n, first := ix.RevisionCount(f.Path) // reads no file (issue 14: Revisions diffed every version, for every edition)
		if n < 2 {
			continue
		}
		vs, err := ix.RowVersions(f.Path)
		if err != nil {
			return nil, err
		}
		type since struct {
			town  string
			when  time.Time
			first bool // received with the file's first version
		}
		rows := map[string]since{}
		for _, v := range vs {
			if v.Cells == nil { // removed: a row added again keeps its receipt
				continue
			}
			town := strings.TrimSpace(v.Fields["town"])
			if ref != nil {
				if m := ref.ResolveTown(town); m.Code != "" {
					town = m.Code
				}
			}
			if s, ok := rows[v.Key]; ok && s.town == town {
				continue
			}
			when := v.When
			if t, ok := updates[f.Path][v.Commit]; ok {
				when = t // the forge's record wins over the commit's own date, as for files (loop.Ledger)
			}
			rows[v.Key] = since{town: town, when: when, first: v.Commit == first}
		}
		for k, s := range rows {
			if s.first {
				continue
			}
			if out[f.Path] == nil {
				out[f.Path] = map[string]time.Time{}
			}
			out[f.Path][k] = s.when
		}
	}
	return out, nil
}
