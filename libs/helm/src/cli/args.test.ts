import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTemplateArgs, UsageError } from './args.ts';

describe('parseTemplateArgs', () => {
  it('GIVEN flags before, between and after the arguments in every pflag spelling WHEN parsed THEN each lands in its list in order', () => {
    const a = parseTemplateArgs([
      '-f', 'a.yaml', 'rel', '--set=x=1', '-fb.yaml,c.yaml', 'chart', '--set', 'y=2', '--set-string', 'z=3', '-n', 'ns', '--kube-version=1.30.0',
      '-a', 'v1/A,v2/B', '--api-versions', 'v3/C', '--include-crds', '--skip-tests=true', '--set-json', 'j={"a":1}', '--set-file=f=p,q',
      '--set-literal', 'l=a,b', '-s', 'templates/a,b.yaml', '--show-only=templates/c.yaml', '--output-dir', 'out', '--release-name',
      '--is-upgrade', '--enable-dns=false',
    ]);
    assert.deepEqual(a, {
      releaseName: 'rel',
      chart: 'chart',
      valueFiles: ['a.yaml', 'b.yaml', 'c.yaml'],
      set: ['x=1', 'y=2'],
      setString: ['z=3'],
      namespace: 'ns',
      kubeVersion: '1.30.0',
      apiVersions: ['v1/A', 'v2/B', 'v3/C'],
      includeCrds: true,
      skipTests: true,
      setJson: ['j={"a":1}'],
      setFile: ['f=p,q'],
      setLiteral: ['l=a,b'],
      // String arrays in pflag: a comma does not split them.
      showOnly: ['templates/a,b.yaml', 'templates/c.yaml'],
      outputDir: 'out',
      useReleaseName: true,
      isUpgrade: true,
      enableDns: false,
    });
  });

  it('GIVEN only a chart WHEN parsed THEN the release is named "release-name" in namespace "default", as helm does', () => {
    const a = parseTemplateArgs(['./chart']);
    assert.equal(a.releaseName, 'release-name');
    assert.equal(a.chart, './chart');
    assert.equal(a.namespace, 'default');
  });

  it('GIVEN an unknown flag, a flag without its value or three arguments WHEN parsed THEN a usage error names the problem', () => {
    assert.throws(() => parseTemplateArgs(['r', 'c', '--nope']), new UsageError('unknown flag: --nope'));
    assert.throws(() => parseTemplateArgs(['r', 'c', '--set']), new UsageError('flag needs an argument: --set'));
    assert.throws(() => parseTemplateArgs(['a', 'b', 'c']), new UsageError('"helm template" requires at most 2 arguments'));
    assert.throws(() => parseTemplateArgs([]), /requires at least 1 argument/);
  });
});
