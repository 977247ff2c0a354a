// Whether an area has taken the whole window (the board's full screen): the workshop shell
// then hides its header and area tabs. The area that sets it clears it when it goes.
export const workshopChrome = $state({ hidden: false });
