module github.com/conflux-gitops/conflux/tools/gitserver

go 1.26.0
