// Plain module (not 'use client'): the white card every overview section (and its skeleton) sits in.
export const cardStyles = 'rounded-xl border border-stone-200 bg-white p-4 sm:p-6'
