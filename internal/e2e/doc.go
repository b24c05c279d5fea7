// Package e2e holds the browser tests of the generated site: the sample
// repository is built and every page kind is loaded in headless Chromium
// through chromedp, failing on console errors, uncaught exceptions, failed
// requests and requests that leave the site. Screenshots go to the folder
// named by $LPG_ARTIFACTS (default: artifacts/ at the repository root).
//
// The tests need a Chromium binary (Debian's chromium; .ci/run installs
// it). Outside CI they are skipped when none is found; with CI=true a
// missing browser fails the run.
package e2e
