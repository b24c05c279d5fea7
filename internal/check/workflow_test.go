package check

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestGateWorkflowRunsNoPullRequestCode reads .github/workflows/validate.yml
// (the job that runs the base branch's lpg on a pull request's data) and
// asserts the rules of review finding F1: the pull request is checked out
// into pr/ and is data only; `go` runs only in the base branch's checkout
// tool/ (beside, not below, the pull request: the go command reads go.work
// from its directory and every parent) with GOWORK=off, -mod=readonly and
// GOTOOLCHAIN=local; the binary is built into $RUNNER_TEMP and every lpg
// command is that binary with --root pr.
func TestGateWorkflowRunsNoPullRequestCode(t *testing.T) {
	b, err := os.ReadFile("../../.github/workflows/validate.yml")
	if err != nil {
		t.Fatal(err)
	}
	var steps []string
	for _, s := range strings.Split(string(b), "\n      - ")[1:] {
		steps = append(steps, "      - "+s)
	}
	if len(steps) == 0 {
		t.Fatal("no steps found")
	}
	goCmd := regexp.MustCompile(`(^|[\s;&|(])go (run|build|test|install|generate|mod|get|work|vet)\b`)
	var prCheckout, toolCheckout, built bool
	var lpgRuns int
	for _, s := range steps {
		if strings.Contains(s, "uses: actions/checkout@") {
			switch {
			case strings.Contains(s, "ref: ${{ github.base_ref }}"):
				toolCheckout = strings.Contains(s, "path: tool\n")
			default:
				prCheckout = strings.Contains(s, "path: pr\n")
			}
		}
		if goCmd.MatchString(s) {
			for _, want := range []string{"working-directory: tool\n", `GOWORK: "off"`, "GOFLAGS: -mod=readonly", "GOTOOLCHAIN: local", `"${RUNNER_TEMP:?}/`} {
				if !strings.Contains(s, want) {
					t.Errorf("step runs go without %q:\n%s", want, s)
				}
			}
			if strings.Contains(s, "go run") {
				t.Errorf("step uses go run (builds and runs in one): \n%s", s)
			}
			built = true
		}
		for _, line := range strings.Split(s, "\n") {
			if strings.Contains(line, `"$LPG" `) {
				lpgRuns++
				if !strings.Contains(s, `--root "$GITHUB_WORKSPACE/pr"`) {
					t.Errorf("lpg runs without --root pr:\n%s", s)
				}
			}
		}
	}
	if !prCheckout || !toolCheckout || !built || lpgRuns != 2 {
		t.Errorf("pr checkout in pr/ %v, base in tool/ %v, lpg built %v, lpg runs %d (want check and owners)", prCheckout, toolCheckout, built, lpgRuns)
	}
}
