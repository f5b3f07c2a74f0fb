// Side by side with @cloud-copilot/iam-simulate: replays the requests `kmsaccess-bench
// --export-requests FILE` wrote, compares every answer (allow vs not, and the exact verdict) and
// prints iam-simulate's time per decision. Usage:
//   node bench/iam_simulate_compare.mjs FILE [--kmsaccess-ns NS_PER_DECISION] [--show N]
// Install first: npm install --prefix bench @cloud-copilot/iam-simulate
import { readFileSync } from 'node:fs'
import { runSimulation } from '@cloud-copilot/iam-simulate'

const args = process.argv.slice(2)
const file = args[0]
const opt = (name, fallback) => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : fallback
}
const kmsaccessNs = opt('--kmsaccess-ns', NaN)
const show = opt('--show', 20)
if (!file) {
  console.error('usage: node iam_simulate_compare.mjs REQUESTS.json [--kmsaccess-ns NS] [--show N]')
  process.exit(2)
}

const doc = JSON.parse(readFileSync(file, 'utf8'))
const policies = doc.policies
const named = (path) => ({ name: path, policy: policies[path] })
// kmsaccess reads SCPs without any Allow as deny-only next to FullAWSAccess; say so explicitly.
const fullAccess = { name: 'FullAWSAccess', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }

function simulation(r) {
  const scps = r.scps.map(named)
  const hasAllow = scps.some((p) => [].concat(p.policy.Statement).some((s) => s.Effect === 'Allow'))
  return {
    request: {
      principal: r.principal,
      action: r.action,
      resource: { resource: r.resource, accountId: r.resourceAccount },
      contextVariables: r.context
    },
    identityPolicies: r.identityPolicies.map(named),
    serviceControlPolicies: scps.length ? [{ orgIdentifier: 'o-synth0example', policies: hasAllow ? scps : [fullAccess, ...scps] }] : [],
    resourceControlPolicies: [],
    resourcePolicy: policies[r.resourcePolicy],
    permissionBoundaryPolicies: r.permissionBoundary ? [named(r.permissionBoundary)] : undefined
  }
}

const expected = { allow: 'Allowed', deny: 'ExplicitlyDenied', 'implicit-deny': 'ImplicitlyDenied' }
const sims = doc.requests.map(simulation)

// Warm up (JIT, lazily loaded action data), then time every request once.
for (const s of sims.slice(0, Math.min(50, sims.length))) await runSimulation(s, {})
const answers = []
const start = process.hrtime.bigint()
for (const s of sims) answers.push(await runSimulation(s, {}))
const elapsedNs = Number(process.hrtime.bigint() - start)

let allowMismatch = 0, verdictMismatch = 0, errors = 0
const byKind = new Map()
doc.requests.forEach((r, i) => {
  const a = answers[i]
  if (a.resultType === 'error') {
    errors++
    if (errors <= show) console.log(`error ${r.principal} ${r.action} ${r.resource}: ${JSON.stringify(a.errors).slice(0, 400)}`)
    return
  }
  const got = a.overallResult
  const want = expected[r.kmsaccess]
  const allowDiffers = (got === 'Allowed') !== (want === 'Allowed')
  if (got === want) return
  verdictMismatch++
  if (allowDiffers) allowMismatch++
  const kind = `kmsaccess ${r.kmsaccess} / iam-simulate ${got} / ${r.action}`
  byKind.set(kind, (byKind.get(kind) ?? 0) + 1)
  if (verdictMismatch <= show) {
    console.log(`mismatch ${allowDiffers ? '(allow)' : '(deny kind)'} ${r.principal} ${r.action} ${r.resource}: ` +
      `kmsaccess=${r.kmsaccess} iam-simulate=${got} key-policy=${r.resourcePolicy} identity=${r.identityPolicies.join(',')}` +
      (r.permissionBoundary ? ` boundary=${r.permissionBoundary}` : '') + ` context=${JSON.stringify(r.context)}`)
  }
})
for (const [kind, n] of [...byKind].sort()) console.log(`mismatch_kind ${n} ${kind}`)

const perDecision = elapsedNs / Math.max(1, sims.length)
console.log(`iam_simulate_requests ${sims.length} count`)
console.log(`iam_simulate_errors ${errors} count`)
console.log(`iam_simulate_allow_mismatches ${allowMismatch} count`)
console.log(`iam_simulate_verdict_mismatches ${verdictMismatch} count`)
console.log(`iam_simulate_per_decision ${perDecision.toFixed(0)} ns`)
if (!Number.isNaN(kmsaccessNs)) console.log(`speedup_vs_iam_simulate ${(perDecision / kmsaccessNs).toFixed(1)} x`)
