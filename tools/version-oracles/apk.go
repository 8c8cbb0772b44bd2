// apk oracle: reads 'A<TAB>B' lines, prints <, = or > as go-apk-version (Trivy's port of
// apk-tools' version.c, Debian's golang-github-knqyf263-go-apk-version-dev) orders them, "error"
// when it refuses a version. Run: GO111MODULE=off GOPATH=/usr/share/gocode go run apk.go
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	version "github.com/knqyf263/go-apk-version"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		p := strings.SplitN(in.Text(), "\t", 2)
		a, err1 := version.NewVersion(p[0])
		b, err2 := version.NewVersion(p[1])
		if err1 != nil || err2 != nil {
			fmt.Fprintln(out, "error")
			continue
		}
		c := a.Compare(b)
		switch {
		case c < 0:
			fmt.Fprintln(out, "<")
		case c > 0:
			fmt.Fprintln(out, ">")
		default:
			fmt.Fprintln(out, "=")
		}
	}
}
