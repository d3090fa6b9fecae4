import { describe, expect, it } from 'vitest';
import { patchTowns } from '../generate/places.js';
import { centroidOf, demoPostcodes, demoTowns, postcodeInTown, sectorsOf, townNamed } from './places.js';

/** Straight-line kilometres between two points (small distances, flat-earth approximation). */
function km(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const dLat = (a.latitude - b.latitude) * 111.2;
  const dLong = (a.longitude - b.longitude) * 68;
  return Math.sqrt(dLat * dLat + dLong * dLong);
}

describe('demo county places', () => {
  it('knows every town the people seed uses, in the same postcode district, with at least one sector', () => {
    for (const towns of Object.values(patchTowns)) {
      for (const t of towns) {
        const town = townNamed(t.town);
        expect(town.district, t.town).toBe(t.district);
        expect(sectorsOf(town).length, t.town).toBeGreaterThan(0);
      }
    }
  });

  it('puts every postcode within 2.5 km of its own town', () => {
    let n = 0;
    for (const postcode of demoPostcodes()) {
      const c = centroidOf(postcode)!;
      const sector = Number(postcode.split(' ')[1]!.charAt(0));
      const town = demoTowns.find((t) => postcode.startsWith(`${t.district} `) && sectorsOf(t).includes(sector))!;
      expect(km(c, town)).toBeLessThan(2.5);
      n += 1;
    }
    expect(n).toBe(9 * 9 * 400);
  });

  it('keeps the scenario people where the story puts them (Harold and Edna Jones in March)', () => {
    const march = townNamed('March');
    expect(km(centroidOf('PE15 8AA')!, march)).toBeLessThan(2.5);
    expect(centroidOf('PE15 8AA')!.localAuthority).toBe('E07000010');
  });

  it('has no centroid for postcodes outside the demo pattern', () => {
    expect(centroidOf('PE15 0AA')).toBeUndefined();
    expect(centroidOf('PE15 8CA')).toBeUndefined();
    expect(centroidOf('SW1A 1AA')).toBeUndefined();
    expect(centroidOf('pe15 8aa')).toBeUndefined();
  });

  it('picks venue postcodes in the town’s own sectors', () => {
    const soham = townNamed('Soham');
    for (const r of [0, 0.3, 0.6, 0.99]) {
      const postcode = postcodeInTown(soham, r, r, r);
      expect(sectorsOf(soham)).toContain(Number(postcode.split(' ')[1]!.charAt(0)));
      expect(centroidOf(postcode)).toBeDefined();
    }
  });
});
