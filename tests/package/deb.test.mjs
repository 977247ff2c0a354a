// The .deb that `make package` builds: its metadata, its files, and the program inside it
// running from the unpacked package (installing needs root, which tests do not have; the
// files and their places are what dpkg would install).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bundleDir = process.env.FIILIS_DEB_DIR;
assert.ok(bundleDir, 'FIILIS_DEB_DIR must name the folder `make package` wrote the .deb to');
const debs = readdirSync(bundleDir).filter((name) => name.endsWith('.deb'));
assert.equal(debs.length, 1, `one .deb in ${bundleDir}: ${debs}`);
const deb = join(bundleDir, debs[0]);
const unpacked = mkdtempSync(join(tmpdir(), 'fiilis-deb-'));
const run = (file, args, env = {}) => execFileSync(file, args, { encoding: 'utf8', env: { ...process.env, ...env } });

before(() => run('dpkg-deb', ['--extract', deb, unpacked]));
after(() => rmSync(unpacked, { recursive: true, force: true }));

test('the package says what it is and what it needs', () => {
  const info = run('dpkg-deb', ['--field', deb, 'Package', 'Version', 'Architecture', 'Depends', 'Description']);
  assert.match(info, /^Package: fiilis$/m);
  assert.match(info, /^Version: 0\.1\.0$/m);
  assert.match(info, /^Architecture: amd64$/m);
  assert.match(info, /libwebkit2gtk-4\.1/, 'it depends on the WebKit it runs on');
  assert.match(info, /Offline co-design workshops/);
});

test('it installs the program, a desktop entry and icons', () => {
  const files = run('dpkg-deb', ['--contents', deb]);
  assert.match(files, /\susr\/bin\/fiilis$/m);
  assert.match(files, /\susr\/share\/applications\/Fiilis\.desktop$/m);
  assert.match(files, /\susr\/share\/icons\/hicolor\/128x128\/apps\/fiilis\.png$/m);
  const entry = readFileSync(join(unpacked, 'usr/share/applications/Fiilis.desktop'), 'utf8');
  assert.match(entry, /^Exec=fiilis$/m);
  assert.match(entry, /^Icon=fiilis$/m);
  assert.match(entry, /^Categories=.*Office/m);
});

test('the packaged program runs and opens a library with the sample workshop', () => {
  const data = join(unpacked, 'library');
  const listed = JSON.parse(run(join(unpacked, 'usr/bin/fiilis'), ['--data-dir', data, 'list', '--json'], { LANG: 'C.UTF-8' }));
  assert.deepEqual(listed.map((workshop) => workshop.title), ['Sample: a hotel stay']);
  assert.match(run(join(unpacked, 'usr/bin/fiilis'), ['--version']), /^fiilis 0\.1\.0/);
});
