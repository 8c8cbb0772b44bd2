module m
go 1.22
require (
	a/b v1.0.0 // indirect
)
replace a/b => ../b
