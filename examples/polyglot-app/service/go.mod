module example.invalid/service

go 1.22

require (
	github.com/spf13/cobra v1.8.0
	github.com/spf13/pflag v1.0.5 // indirect
)
