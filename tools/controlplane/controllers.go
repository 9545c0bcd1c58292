package main

import (
	"context"
	"strings"

	"github.com/spf13/pflag"
	"k8s.io/kubernetes/cmd/kube-controller-manager/app"
	"k8s.io/kubernetes/cmd/kube-controller-manager/app/options"
)

// controllersToRun is the smallest set that makes the API server behave like a cluster for Conflux:
// ownerReference garbage collection, namespaces that finish terminating, and a default ServiceAccount
// in each namespace (without it the ServiceAccount admission plugin rejects every Pod).
var controllersToRun = []string{
	"garbage-collector-controller",
	"namespace-controller",
	"serviceaccount-controller",
}

// runControllerManager runs kube-controller-manager with only controllersToRun, until ctx is cancelled.
func runControllerManager(ctx context.Context, kubeconfig string, pki pkiFiles) error {
	s, err := options.NewKubeControllerManagerOptions()
	if err != nil {
		return err
	}
	known, disabled, aliases := app.KnownControllers(), app.ControllersDisabledByDefault(), app.ControllerAliases()
	named := s.Flags(known, disabled, aliases)
	fs := pflag.NewFlagSet("kube-controller-manager", pflag.ContinueOnError)
	for _, f := range named.FlagSets {
		fs.AddFlagSet(f)
	}
	args := []string{
		"--kubeconfig=" + kubeconfig,
		"--authentication-kubeconfig=" + kubeconfig,
		"--authorization-kubeconfig=" + kubeconfig,
		"--controllers=" + strings.Join(controllersToRun, ","),
		"--leader-elect=false",
		"--use-service-account-credentials=false",
		// No serving endpoint: nothing scrapes it, and it would need one more port.
		"--secure-port=0",
		"--root-ca-file=" + pki.path(pki.caCert),
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := s.ComponentGlobalsRegistry.Set(); err != nil {
		return err
	}
	c, err := s.Config(ctx, known, disabled, aliases)
	if err != nil {
		return err
	}
	return app.Run(ctx, c.Complete())
}
