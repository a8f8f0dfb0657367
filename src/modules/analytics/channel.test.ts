import assert from 'node:assert/strict'
import { test } from 'node:test'
import { channelOf } from './channel.ts'

test('channelOf: campaign parameters first, then the referrer, else direct', () => {
  const cases: [string | null, Record<string, string>, string][] = [
    [null, {}, 'direct'],
    ['', {}, 'direct'],
    ['www.google.fr', {}, 'seo'],
    ['google.com', {}, 'seo'],
    ['www.bing.com', {}, 'seo'],
    ['duckduckgo.com', {}, 'seo'],
    ['www.qwant.com', {}, 'seo'],
    ['search.brave.com', {}, 'seo'],
    ['l.facebook.com', {}, 'social'],
    ['www.instagram.com', {}, 'social'],
    ['t.co', {}, 'social'],
    ['mail.google.com', {}, 'email'],
    ['www.rhum-guide.fr', {}, 'referral'],
    // our own campaign links win over the referrer
    ['www.google.fr', { medium: 'cpc', source: 'google' }, 'sea'],
    ['l.facebook.com', { medium: 'cpc', source: 'facebook' }, 'paid_social'],
    [null, { medium: 'paid_social', source: 'instagram' }, 'paid_social'],
    [null, { medium: 'email', source: 'newsletter', campaign: 'noel' }, 'email'],
    [null, { source: 'newsletter' }, 'email'],
    ['www.instagram.com', { medium: 'influencer', source: 'ti-punch-blog' }, 'influencer'],
    [null, { medium: 'social', source: 'facebook' }, 'social'],
    [null, { source: 'Facebook' }, 'social'],
    [null, { medium: 'affiliate', source: 'partner-x' }, 'affiliate'],
    [null, { medium: 'display', source: 'dsp' }, 'display'],
    [null, { medium: 'CPC', source: 'Bing' }, 'sea'],
    // an unknown medium falls back to the referrer; with no referrer it is a referral
    ['www.bing.com', { medium: 'qr', source: 'salon' }, 'seo'],
    [null, { medium: 'qr', source: 'salon' }, 'referral'],
  ]
  for (const [host, utm, expected] of cases) assert.equal(channelOf(host, utm), expected, `${host} ${JSON.stringify(utm)}`)
})
