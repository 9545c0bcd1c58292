package main

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/spf13/pflag"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	utilerrors "k8s.io/apimachinery/pkg/util/errors"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/kubernetes/cmd/kube-apiserver/app"
	"k8s.io/kubernetes/cmd/kube-apiserver/app/options"
)

// runAPIServer runs kube-apiserver until ctx is cancelled. It goes through the options rather than
// app.NewAPIServerCommand, because the command installs its own signal handler, which may only exist
// once per process and would fight ours.
func runAPIServer(ctx context.Context, cfg config, pki pkiFiles, etcdServers string) error {
	s := options.NewServerRunOptions()
	fs := pflag.NewFlagSet("kube-apiserver", pflag.ContinueOnError)
	for _, f := range s.Flags().FlagSets {
		fs.AddFlagSet(f)
	}
	args := []string{
		"--etcd-servers=" + etcdServers,
		"--bind-address=127.0.0.1",
		"--advertise-address=127.0.0.1",
		"--secure-port=" + strconv.Itoa(cfg.apiserverPort),
		"--cert-dir=" + pki.path("generated"),
		"--tls-cert-file=" + pki.path(pki.servingCert),
		"--tls-private-key-file=" + pki.path(pki.servingKey),
		"--client-ca-file=" + pki.path(pki.caCert),
		"--service-account-key-file=" + pki.path(pki.serviceAccountPublic),
		"--service-account-signing-key-file=" + pki.path(pki.serviceAccountKey),
		"--service-account-issuer=https://kubernetes.default.svc",
		"--authorization-mode=RBAC",
		"--service-cluster-ip-range=10.0.0.0/24",
		"--allow-privileged=true",
		// Priority and fairness stays on, as in every real cluster: the controllers, like upstream's, turn
		// their client-side throttling off when the API server answers with its flow-control headers.
		"--profiling=false",
		// Without a kubelet there are no nodes to lease, and no cloud to ask.
		"--endpoint-reconciler-type=none",
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := s.GenericServerRunOptions.ComponentGlobalsRegistry.Set(); err != nil {
		return err
	}
	completed, err := s.Complete(ctx)
	if err != nil {
		return err
	}
	if errs := completed.Validate(); len(errs) != 0 {
		return utilerrors.NewAggregate(errs)
	}
	return app.Run(ctx, completed)
}

// waitForAPIServer polls /readyz with the admin credentials. It returns once the API server reports
// ready, which includes the RBAC bootstrap policy and the default namespaces.
func waitForAPIServer(ctx context.Context, kubeconfig string, exited <-chan error, timeout time.Duration) error {
	restConfig, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
	if err != nil {
		return err
	}
	restConfig.Timeout = 5 * time.Second
	client, err := kubernetes.NewForConfig(restConfig)
	if err != nil {
		return err
	}
	deadline := time.After(timeout)
	var last error
	for {
		result := client.Discovery().RESTClient().Get().AbsPath("/readyz").Do(ctx)
		if last = result.Error(); last == nil {
			if _, err := client.CoreV1().Namespaces().Get(ctx, "default", metav1.GetOptions{}); err == nil {
				return nil
			} else {
				last = err
			}
		}
		select {
		case err := <-exited:
			return fmt.Errorf("exited before it was ready: %v", err)
		case <-deadline:
			return fmt.Errorf("not ready within %s: %v", timeout, last)
		case <-time.After(200 * time.Millisecond):
		}
	}
}
