// pouchdb-replicate.js: PouchDB's own replicator moving the same documents
// as bench-sync, for comparison (issue 6: "faster than PouchDB").
// SPDX-License-Identifier: GPL-3.0-or-later
//
// node pouchdb-replicate.js DOCS.json SERVER_URL DATABASE USER PASSWORD WORK_DIR
//
// Loads DOCS.json (an array of documents without _rev) into a new local
// PouchDB (LevelDB on disk, as the Bosetting client has SQLite on disk),
// then times replicate.to(server) (the initial push) and, into a second new
// local PouchDB, replicate.from(server) (the pull into a fresh client).
// Prints one JSON line: {"push_ms": …, "pull_ms": …, "written": …, "read": …}.
'use strict';

const fs = require('fs');
const path = require('path');
const PouchDB = require('pouchdb');

async function main () {
  const [docsFile, server, database, user, password, workDir] = process.argv.slice(2);
  const docs = JSON.parse(fs.readFileSync(docsFile, 'utf8'));
  const remote = new PouchDB(`${server}/${database}`, {
    auth: { username: user, password: password },
    skip_setup: true,
  });

  const source = new PouchDB(path.join(workDir, 'pouch-source'));
  for (let i = 0; i < docs.length; i += 1000)
    await source.bulkDocs(docs.slice(i, i + 1000));

  let start = process.hrtime.bigint();
  const pushed = await source.replicate.to(remote);
  const pushMs = Number(process.hrtime.bigint() - start) / 1e6;

  const target = new PouchDB(path.join(workDir, 'pouch-target'));
  start = process.hrtime.bigint();
  const pulled = await target.replicate.from(remote);
  const pullMs = Number(process.hrtime.bigint() - start) / 1e6;

  if (pushed.docs_written !== docs.length || pulled.docs_written !== docs.length)
    throw new Error(`moved ${pushed.docs_written} up and ${pulled.docs_written} down, expected ${docs.length}`);
  await source.close();
  await target.close();
  console.log(JSON.stringify({ push_ms: pushMs, pull_ms: pullMs,
                               written: pushed.docs_written, read: pulled.docs_written }));
}

main().catch((error) => {
  console.error(`pouchdb-replicate.js: ${error.stack || error}`);
  process.exit(1);
});
