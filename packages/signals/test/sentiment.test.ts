import { describe, expect, it } from 'vitest';
import { lexiconSentiment, scoreSentiment } from '../src/sentiment.ts';
import { REFUND_OR_CANCEL } from './issue-tickets.ts';

describe('lexicon sentiment', () => {
  it('reads a polite question as positive and calm', () => {
    const s = scoreSentiment('Hello, how do I export my invoices as CSV? Thanks a lot, I appreciate it!');
    expect(s.score).toBeGreaterThan(0.3);
    expect(s.frustrated).toBe(false);
    expect(s.source).toBe('lexicon');
  });

  it('reads a plain technical report as neutral, acronyms and error words included', () => {
    const s = scoreSentiment('The API returns HTTP 502 from the SAML endpoint after upgrading to 4.2.1. Error ERR-4012 failed.');
    expect(s.score).toBe(0);
    expect(s.frustrated).toBe(false);
  });

  it('flags a repeat complaint as frustrated', () => {
    const s = scoreSentiment('This is the third time I am writing about this. It is still not fixed. Unacceptable!!!');
    expect(s.score).toBeLessThan(-0.8);
    expect(s.frustrated).toBe(true);
  });

  it('flips negated words', () => {
    expect(scoreSentiment('I am not happy with this').score).toBeLessThan(0);
    expect(scoreSentiment('Honestly the new editor is not bad').score).toBeGreaterThan(0);
  });

  it('weighs intensifiers, capitals and exclamation runs', () => {
    const plain = scoreSentiment('the export is annoying').score;
    expect(scoreSentiment('the export is extremely annoying').score).toBeLessThan(plain);
    expect(scoreSentiment('the export is ANNOYING').score).toBeLessThan(plain);
    expect(scoreSentiment('the export is annoying!!!').score).toBeLessThan(plain);
  });

  it('reads whole sentences in capitals as shouting', () => {
    expect(scoreSentiment('WHY DOES NOTHING WORK WHEN WILL SOMEONE LOOK INTO THIS').score).toBeLessThan(
      scoreSentiment('why does nothing work when will someone look into this').score,
    );
  });

  it('treats cancelling and swearing as frustration on their own', () => {
    expect(scoreSentiment('Thanks, but please cancel my subscription.').frustrated).toBe(true);
    expect(scoreSentiment('the sync is shitty').frustrated).toBe(true);
    expect(scoreSentiment('we need to scrap the old import').frustrated).toBe(false);
  });

  it('serves the async analyzer interface', async () => {
    await expect(lexiconSentiment.analyze('This is terrible and useless')).resolves.toMatchObject({ frustrated: true, source: 'lexicon' });
  });
});

describe('lexicon sentiment on what customers write', () => {
  it('reads the refund-or-cancel ticket from issue 27 as frustrated', () => {
    const s = scoreSentiment(REFUND_OR_CANCEL);
    expect(s.frustrated).toBe(true);
    expect(s.score).toBeLessThan(-0.8);
  });

  it('reads a negated compliment as a complaint, and a negated complaint as faint praise', () => {
    expect(scoreSentiment("I'm not happy, I want to close my account.").frustrated).toBe(true);
    expect(scoreSentiment("I don't appreciate being ignored").score).toBeLessThan(scoreSentiment('I appreciate being told').score);
    const faint = scoreSentiment('The new editor is not bad').score;
    expect(faint).toBeGreaterThan(0);
    expect(faint).toBeLessThan(scoreSentiment('The new editor is good').score + 0.3);
  });

  it('weighs an intensified feeling more', () => {
    expect(scoreSentiment('This is very embarrassing').score).toBeLessThan(scoreSentiment('This is embarrassing').score);
    expect(scoreSentiment('I am not very happy with this incident').frustrated).toBe(true);
  });

  it('reads a message shouted in capitals as frustrated, but not one that only names acronyms', () => {
    expect(scoreSentiment('WHAT IS THE SOLUTION OF THIS PROBLEM').frustrated).toBe(true);
    expect(scoreSentiment('The SAML and OAUTH login via LDAP returns HTTP 500').frustrated).toBe(false);
  });

  it('reads runs of !! and ?? as exasperation', () => {
    expect(scoreSentiment('What did you do with my money??? It is gone!!').frustrated).toBe(true);
    expect(scoreSentiment('Where is my card?').frustrated).toBe(false);
  });

  it('does not let thanks around a complaint cancel it', () => {
    expect(scoreSentiment('I am quite aggravated that my order never came. I would really appreciate a refund, thanks.').frustrated).toBe(
      true,
    );
  });

  it('does not read worry or self-blame as frustration with the service', () => {
    expect(scoreSentiment('I think that my card has been stolen!').frustrated).toBe(false);
    expect(scoreSentiment('I goofed up and used the wrong account. Please help.').frustrated).toBe(false);
    expect(scoreSentiment('How do I close my account?').frustrated).toBe(false);
  });
});
